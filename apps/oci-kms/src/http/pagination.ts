import { z } from "zod";
import { OciApiError } from "./errors.ts";

/** The query parameters every list route takes: `limit`, `page` (an opaque token), `sortBy`, `sortOrder`. */
export const listQuery = {
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  page: z.string().min(1).max(100).optional(),
  sortBy: z.enum(["TIMECREATED", "DISPLAYNAME"]).optional(),
  sortOrder: z.enum(["ASC", "DESC"]).optional(),
};

export interface ListOptions {
  limit?: number | undefined;
  page?: string | undefined;
  sortBy?: "TIMECREATED" | "DISPLAYNAME" | undefined;
  sortOrder?: "ASC" | "DESC" | undefined;
}

const DEFAULT_LIMIT = 100;

const encode = (offset: number) => Buffer.from(`offset:${offset}`).toString("base64url");

function decode(page: string): number {
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(page, "base64url").toString("utf8"));
  if (match === null) throw new OciApiError("InvalidParameter", "page is not a token this list answered");
  return Number(match[1]);
}

/**
 * One page of a list, sorted as OCI sorts (TIMECREATED newest first by default, DISPLAYNAME A to Z),
 * ids breaking ties. The next page's token goes in the `opc-next-page` header.
 */
export function paginate<T extends { id: string; displayName?: string; timeCreated: string }>(
  all: T[],
  options: ListOptions,
): { items: T[]; headers: Record<string, string> } {
  const sortBy = options.sortBy ?? "TIMECREATED";
  const order = options.sortOrder ?? (sortBy === "TIMECREATED" ? "DESC" : "ASC");
  const sign = order === "ASC" ? 1 : -1;
  const sorted = [...all].sort((a, b) => {
    const primary =
      sortBy === "TIMECREATED"
        ? Date.parse(a.timeCreated) - Date.parse(b.timeCreated)
        : (a.displayName ?? "").localeCompare(b.displayName ?? "");
    return sign * (primary !== 0 ? primary : a.id.localeCompare(b.id));
  });
  const offset = options.page === undefined ? 0 : decode(options.page);
  const limit = options.limit ?? DEFAULT_LIMIT;
  const items = sorted.slice(offset, offset + limit);
  const headers: Record<string, string> = {};
  if (offset + limit < sorted.length) headers["opc-next-page"] = encode(offset + limit);
  return { items, headers };
}
