import type { Request } from "express";
import type { z } from "zod";
import { OciApiError } from "./errors.ts";

function problems(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
}

/** Parses a request body with a zod schema; a mismatch is OCI's 400 InvalidParameter naming each problem. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  if (body === undefined || body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new OciApiError("InvalidParameter", "expected a JSON object as the body (content-type: application/json)");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new OciApiError("InvalidParameter", problems(parsed.error));
  return parsed.data;
}

/** Parses the query string; a missing required parameter is MissingParameter, a bad one InvalidParameter. */
export function parseQuery<S extends z.ZodType>(schema: S, query: Request["query"]): z.infer<S> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const given = query as Record<string, unknown>;
  const missing = parsed.error.issues.find((i) => i.path.length === 1 && given[String(i.path[0])] === undefined);
  if (missing) throw new OciApiError("MissingParameter", `query parameter ${missing.path.join(".")} is required`);
  throw new OciApiError("InvalidParameter", problems(parsed.error));
}

/** A path parameter (an OCID); Express 5 hands them over decoded. */
export function pathParam(req: Request, name: string): string {
  const value = (req.params as Record<string, string | undefined>)[name];
  if (value === undefined || value === "" || value.length > 255) {
    throw new OciApiError("InvalidParameter", `${name} must be an OCID`);
  }
  return value;
}
