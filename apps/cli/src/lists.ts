// List commands' shared parts: filter flags that mirror the API's query parameters, and paging.
import type { Command } from "commander";
import type { ApiClient, Query } from "./api-client.ts";
import { usage } from "./errors.ts";

export interface Envelope<T> {
  skip: number;
  limit: number;
  total: number;
  resources: T[];
}

/** The API's page size limit: `--all` reads pages of this many. */
const PAGE = 1000;

/** A flag per query parameter: `sap_group_name` → `--sap-group-name <value>`. */
export function addFilterFlags(command: Command, params: readonly string[]): Command {
  for (const p of params) command.option(`--${flagName(p)} <value>`, `filter: ${p}`);
  return command
    .option("--limit <n>", "how many (default 10)")
    .option("--skip <n>", "how many to skip")
    .option("--sort <fields>", "e.g. name or -createdAt")
    .option("--all", "every match, page after page");
}

const flagName = (param: string) => param.replace(/_/g, "-").replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const optionKey = (param: string) => flagName(param).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export function queryOf(options: Record<string, unknown>, params: readonly string[]): Query {
  const query: Query = {};
  for (const p of params) {
    const v = options[optionKey(p)];
    if (typeof v === "string") query[p] = v;
  }
  for (const p of ["limit", "skip"] as const) {
    const v = options[p];
    if (v === undefined) continue;
    if (!/^-?\d+$/.test(String(v))) throw usage(`--${p}: must be a number`);
    query[p] = Number(v);
  }
  if (typeof options.sort === "string") query.sort = options.sort;
  return query;
}

/** `key=value,key=value` (a --filter) as query parameters; only the names given are allowed. */
export function parseFilter(text: string, params: readonly string[]): Query {
  const query: Query = {};
  for (const part of text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const at = part.indexOf("=");
    const name = at > 0 ? part.slice(0, at).trim() : "";
    if (!name || at === part.length - 1) throw usage(`--filter: "${part}" is not name=value`);
    if (!params.includes(name)) throw usage(`--filter: unknown field "${name}" (one of: ${params.join(", ")})`);
    query[name] = part.slice(at + 1).trim();
  }
  if (Object.keys(query).length === 0) throw usage("--filter: give at least one name=value");
  return query;
}

/** One page as asked, or with `all` every page (the envelope then holds them all). */
export async function readList<T>(client: ApiClient, path: string, query: Query, all: boolean): Promise<Envelope<T>> {
  if (!all) return client.get<Envelope<T>>(path, query);
  const resources: T[] = [];
  let total = 0;
  for (let skip = 0; ; skip += PAGE) {
    const page = await client.get<Envelope<T>>(path, { ...query, skip, limit: PAGE });
    resources.push(...page.resources);
    total = page.total;
    if (page.resources.length < PAGE || resources.length >= total) break;
  }
  return { skip: 0, limit: resources.length, total, resources };
}
