import type { Request } from "express";
import { KmsError } from "../http/errors.ts";
import { type Comparison, parseFilter } from "./filter.ts";

export interface QueryOptions {
  filter: Comparison[];
  top: number;
  skip: number;
  expand: string[];
}

export const DEFAULT_TOP = 100;
export const MAX_TOP = 1000;

function count(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d{1,9}$/.test(raw)) throw new KmsError("BAD_REQUEST", `${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value > max) throw new KmsError("BAD_REQUEST", `${name} must be at most ${max}`);
  return value;
}

/**
 * Reads `$filter`, `$top`, `$skip` and `$expand` for a list route. Any other `$` option, a repeated
 * option, or an expansion the route does not offer is a 400.
 */
export function queryOptions(
  req: Request,
  allowed: { filterFields: readonly string[]; expand?: readonly string[] },
): QueryOptions {
  const raw: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.query)) {
    if (typeof value !== "string") throw new KmsError("BAD_REQUEST", `query option ${name} must be given once`);
    if (name.startsWith("$") && !["$filter", "$top", "$skip", "$expand"].includes(name)) {
      throw new KmsError("BAD_REQUEST", `query option ${name} is not supported`);
    }
    raw[name] = value;
  }
  const expand = raw.$expand === undefined ? [] : raw.$expand.split(",").map((e) => e.trim());
  for (const e of expand) {
    if (!(allowed.expand ?? []).includes(e)) throw new KmsError("BAD_REQUEST", `$expand=${e} is not supported here`);
  }
  return {
    filter: raw.$filter === undefined ? [] : parseFilter(raw.$filter, allowed.filterFields),
    top: count("$top", raw.$top, DEFAULT_TOP, MAX_TOP),
    skip: count("$skip", raw.$skip, 0, 1_000_000_000),
    expand,
  };
}
