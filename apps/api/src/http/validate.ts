import { z } from "zod";
import { ApiError } from "./errors.ts";

/**
 * What the JSON parser left in `req.body` when a request carried a body in another media type
 * (`text/plain`, a form, none given). A route that reads no body ignores it; one that takes a JSON
 * body answers 415 saying so (see `parse`).
 */
export class UnparsedBody {
  constructor(readonly contentType: string | undefined) {}
}

function describe(error: z.ZodError, where: string): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = [where, ...issue.path.map(String)].join(".");
      return `${path}: ${issue.message}`;
    })
    .join("; ");
}

/**
 * Parses request input with a zod schema; anything it refuses is a 400 that names each problem.
 * Schemas are plain (stripping) zod objects: unknown fields and parameters are dropped, as
 * CipherTrust ignores them, while every known one is checked. A body that came in another media
 * type than JSON is a 415; a missing body a 400 that says a JSON body is needed.
 */
export function parse<T>(schema: z.ZodType<T>, value: unknown, where: "body" | "query" | "path"): T {
  if (where === "body" && value instanceof UnparsedBody) {
    throw new ApiError(
      415,
      `body: send it as JSON with Content-Type: application/json (got ${value.contentType ?? "no Content-Type"})`,
    );
  }
  const result = schema.safeParse(value ?? (where === "body" ? undefined : {}));
  if (result.success) return result.data;
  if (where === "body" && value === undefined) {
    throw new ApiError(400, "body: a JSON body is required (Content-Type: application/json)");
  }
  throw new ApiError(400, describe(result.error, where));
}

export const uuidParam = z.object({ id: z.uuid({ message: "must be a UUID" }) });

/** The `:id` path parameter, checked as a UUID before any query. */
export function idParam(params: unknown): string {
  return parse(uuidParam, params, "path").id;
}

const UUID_TAIL = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** How a path names a resource whose docs say "name, ID or URI". */
export type PathRef = { id: string } | { name: string };

/**
 * The `:id` of a route that takes a name, an id or a URI: a UUID is an id; a URI of `kind`
 * (`kylo:kylo:<kind>:<id>` or `…:<name-slug>-<id>`) gives the id at its end; anything else is a name.
 * `kinds` lists the URI kinds accepted (today's and earlier spellings).
 */
export function refParam(params: unknown, kinds: readonly string[]): PathRef {
  const name = z
    .string()
    .min(1)
    .max(512)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
    .regex(/^[^\u0000-\u001f\u007f]+$/, "must not contain control characters");
  const raw = parse(z.object({ id: name }), params, "path").id;
  if (z.uuid().safeParse(raw).success) return { id: raw.toLowerCase() };
  const kind = kinds.find((k) => raw.startsWith(`kylo:kylo:${k}:`));
  if (kind !== undefined) {
    const id = UUID_TAIL.exec(raw)?.[1];
    if (id === undefined) throw new ApiError(400, `path.id: a ${kind} URI must end with the resource's id`);
    return { id: id.toLowerCase() };
  }
  return { name: raw };
}
