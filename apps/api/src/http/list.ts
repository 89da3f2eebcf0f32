import { once } from "node:events";
import type { SortItem } from "@cckm/db";
import type { Request, Response } from "express";
import { z } from "zod";

/** `limit=-1`: every matching row (the Terraform provider sends it on every list). */
export const ALL = -1;
/** The largest page a client may ask for; `limit=-1` is read internally in pages of this size. */
export const MAX_LIMIT = 1000;

export type { Direction, SortItem } from "@cckm/db";

/**
 * CipherTrust's `sort`: a comma-separated list of fields, each optionally prefixed with `-` for
 * descending (`name,-createdAt`). Every field must be one of `sortable`, at most once.
 */
export function sortParam<F extends string>(sortable: readonly [F, ...F[]]) {
  return z
    .string()
    .max(512)
    .transform((value, ctx): SortItem<F>[] => {
      const items: SortItem<F>[] = [];
      for (const raw of value.split(",")) {
        const part = raw.trim();
        const descending = part.startsWith("-");
        const field = (descending ? part.slice(1) : part.replace(/^\+/, "")) as F;
        if (!sortable.includes(field)) {
          ctx.addIssue({ code: "custom", message: `cannot sort by "${part}" (one of ${sortable.join(", ")})` });
          return z.NEVER;
        }
        if (items.some((i) => i.field === field)) {
          ctx.addIssue({ code: "custom", message: `"${field}" is named twice` });
          return z.NEVER;
        }
        items.push({ field, direction: descending ? "desc" : "asc" });
      }
      return items;
    });
}

/**
 * CipherTrust's list query: `skip`, `limit` (default 10, 1 to 1000, or -1 for all), `sort` (a
 * comma list, `-` for descending) and the route's filters. Unknown parameters are ignored, as
 * CipherTrust does (a plain, stripping zod object); known ones are checked strictly.
 */
export function listQuery<S extends z.ZodRawShape, F extends string>(filters: S, sortable: readonly [F, ...F[]]) {
  return z.object({
    skip: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
    limit: z.coerce
      .number()
      .int()
      .refine((v) => v === ALL || (v >= 1 && v <= MAX_LIMIT), `must be -1 (all) or 1 to ${MAX_LIMIT}`)
      .default(10),
    sort: sortParam(sortable).optional(),
    ...filters,
  });
}

export interface ListEnvelope<T> {
  skip: number;
  limit: number;
  total: number;
  resources: T[];
}

/** The schema of a list's answer: CipherTrust's envelope around `resource`s. */
export function listOf<T extends z.ZodType>(resource: T) {
  return z.object({
    skip: z.number().int(),
    limit: z.number().int(),
    total: z.number().int(),
    resources: z.array(resource),
  });
}

export function envelope<T>(skip: number, limit: number, total: number, resources: T[]): ListEnvelope<T> {
  return { skip, limit, total, resources };
}

/** Reads one page of a list: `take` rows from `skip` on. */
export type PageReader<T> = (skip: number, take: number) => Promise<T[]>;

/**
 * Answers a list; `total` counts the matching rows when called. A bounded `limit` reads one page. `limit=-1` streams the envelope: the rows are
 * read in pages of MAX_LIMIT and written as they come (waiting for the socket to drain), so no more
 * than one page is ever held in memory. A failure after the first bytes left cannot become an error
 * body any more: the connection is cut, so the client sees a truncated answer, never a short list.
 */
export async function sendList<T>(
  req: Request,
  res: Response,
  q: { skip: number; limit: number },
  total: () => Promise<number>,
  read: PageReader<T>,
): Promise<void> {
  if (q.limit !== ALL) {
    const [n, rows] = await Promise.all([total(), read(q.skip, q.limit)]);
    res.json(envelope(q.skip, q.limit, n, rows));
    return;
  }
  let offset = q.skip;
  let rows = await read(offset, MAX_LIMIT);
  const n = await total();
  res.status(200).type("application/json");
  try {
    let first = true;
    await write(res, `{"skip":${q.skip},"limit":${ALL},"total":${n},"resources":[`);
    for (;;) {
      for (const row of rows) {
        await write(res, (first ? "" : ",") + JSON.stringify(row));
        first = false;
      }
      if (rows.length < MAX_LIMIT || res.destroyed) break;
      offset += MAX_LIMIT;
      rows = await read(offset, MAX_LIMIT);
    }
    res.end("]}");
  } catch (error) {
    req.log.error({ err: error }, "list stream failed after its first bytes; connection cut");
    res.destroy();
  }
}

async function write(res: Response, chunk: string): Promise<void> {
  if (res.destroyed) return;
  if (!res.write(chunk)) await Promise.race([once(res, "drain"), once(res, "close")]);
}
