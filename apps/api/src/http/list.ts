import { z } from "zod";

/** CipherTrust's list query: skip, limit (default 10, at most 1000), sort (`field` or `-field`). */
export function listQuery<S extends z.ZodRawShape, F extends string>(filters: S, sortable: readonly [F, ...F[]]) {
  const sortValues = sortable.flatMap((f) => [f, `-${f}`]) as [string, ...string[]];
  return z.strictObject({
    skip: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
    limit: z.coerce.number().int().min(1).max(1000).default(10),
    sort: z.enum(sortValues).optional(),
    ...filters,
  });
}

/** `sort=createdAt` → ascending, `-createdAt` → descending; `fallback` when absent. */
export function orderOf<F extends string>(sort: string | undefined, fallback: `${"-" | ""}${F}`) {
  const value = sort ?? fallback;
  const descending = value.startsWith("-");
  return {
    field: (descending ? value.slice(1) : value) as F,
    direction: descending ? ("desc" as const) : ("asc" as const),
  };
}

export interface ListEnvelope<T> {
  skip: number;
  limit: number;
  total: number;
  resources: T[];
}

export function envelope<T>(skip: number, limit: number, total: number, resources: T[]): ListEnvelope<T> {
  return { skip, limit, total, resources };
}
