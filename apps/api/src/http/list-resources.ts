import type { SortItem } from "@cckm/db";
import type { RequestHandler } from "express";
import type { z } from "zod";
import { sendList } from "./list.ts";
import { parse } from "./validate.ts";

/** What a list query (`listQuery`) parses to: paging, the sort, the route's filters. */
export interface ListParams {
  skip: number;
  limit: number;
  sort?: readonly SortItem<string>[] | undefined;
}

/**
 * One resource list: its query (`listQuery`: filters and sortable fields), the filter the package's
 * reads take, how they count and read a page, and how a row is shown. Every list route (connections,
 * synchronization jobs, of every cloud) is one of these and one call to `listResources`.
 */
export interface ResourceList<Deps, Q extends ListParams, Filter, Row> {
  query: z.ZodType<Q>;
  filter(q: Q): Filter;
  count(deps: Deps, filter: Filter): Promise<number>;
  read(deps: Deps, filter: Filter, page: { skip: number; take: number; sort: Q["sort"] }): Promise<Row[]>;
  resource(row: Row): unknown;
}

/** Names a list's parts once, with their types inferred (`listResources(deps, LIST)` then routes it). */
export const resourceList = <Deps, Q extends ListParams, Filter, Row>(list: ResourceList<Deps, Q, Filter, Row>) => list;

/**
 * `GET` of a list: the query checked strictly (unknown parameters ignored), newest first unless
 * `sort` says otherwise, one page or (`limit=-1`) every row streamed page by page (sendList).
 */
export function listResources<Deps, Q extends ListParams, Filter, Row>(
  deps: Deps,
  list: ResourceList<Deps, Q, Filter, Row>,
): RequestHandler {
  return async (req, res) => {
    const q = parse(list.query, req.query, "query");
    const filter = list.filter(q);
    await sendList(
      req,
      res,
      q,
      () => list.count(deps, filter),
      async (skip, take) => (await list.read(deps, filter, { skip, take, sort: q.sort })).map(list.resource),
    );
  };
}
