import type { z } from "zod";
import { KmsError } from "./errors.ts";

/** Parses a request body with a zod schema; a mismatch is a 400 naming each problem. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  if (body === undefined || body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new KmsError("BAD_REQUEST", "expected a JSON object as the body (content-type: application/json)");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`);
    throw new KmsError("BAD_REQUEST", problems.join("; "));
  }
  return parsed.data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id must be a UUID (a 400 otherwise, so a malformed id never reads as "not found"). */
export function pathId(value: string | undefined, what = "id"): string {
  if (value === undefined || !UUID.test(value)) throw new KmsError("BAD_REQUEST", `${what} must be a UUID`);
  return value.toLowerCase();
}

/** A version number from the path: a whole number from 0. */
export function pathVersion(value: string | undefined): number {
  if (value === undefined || !/^\d{1,6}$/.test(value)) {
    throw new KmsError("BAD_REQUEST", "version must be a whole number from 0");
  }
  return Number(value);
}
