import { z } from "zod";
import { ApiError } from "./errors.ts";

function describe(error: z.ZodError, where: string): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = [where, ...issue.path.map(String)].join(".");
      return `${path}: ${issue.message}`;
    })
    .join("; ");
}

/** Parses request input with a zod schema; anything it refuses is a 400 that names each problem. */
export function parse<T>(schema: z.ZodType<T>, value: unknown, where: "body" | "query" | "path"): T {
  const result = schema.safeParse(value ?? (where === "body" ? undefined : {}));
  if (!result.success) throw new ApiError(400, describe(result.error, where));
  return result.data;
}

export const uuidParam = z.strictObject({ id: z.uuid({ message: "must be a UUID" }) });

/** The `:id` path parameter, checked as a UUID before any query. */
export function idParam(params: unknown): string {
  return parse(uuidParam, params, "path").id;
}
