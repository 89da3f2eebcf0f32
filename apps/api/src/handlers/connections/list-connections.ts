import { type ConnectionFilter, countConnections, listConnections as readConnections } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { listQuery, sendList } from "../../http/list.ts";
import { queryDate, queryText, queryUuid } from "../../http/query-types.ts";
import { parse } from "../../http/validate.ts";
import { connectionResource } from "./connection-resource.ts";

export const query = listQuery(
  {
    id: queryUuid.optional(),
    name: queryText().optional(),
    products: queryText().optional(),
    meta_contains: queryText(1024).optional(),
    createdBefore: queryDate.optional(),
    createdAfter: queryDate.optional(),
    last_connection_ok: z.enum(["true", "false", "null"]).optional(),
    last_connection_before: queryDate.optional(),
    last_connection_after: queryDate.optional(),
  },
  ["createdAt", "updatedAt", "name", "last_connection_at"] as const,
);

const LAST_TEST_OK = { true: true, false: false, null: null } as const;

/**
 * The filter of a connection list (docs/cckm-compatibility.md §1.4): `products` is a comma list;
 * `last_connection_ok=null` asks for connections never tested.
 */
function connectionFilter(q: z.infer<typeof query>): ConnectionFilter {
  return {
    id: q.id,
    name: q.name,
    products: q.products?.split(",").map((p) => p.trim()),
    metaContains: q.meta_contains,
    createdBefore: q.createdBefore,
    createdAfter: q.createdAfter,
    lastTestOk: q.last_connection_ok === undefined ? undefined : LAST_TEST_OK[q.last_connection_ok],
    lastTestedBefore: q.last_connection_before,
    lastTestedAfter: q.last_connection_after,
  };
}

/** `GET /connectionmgmt/services/sap-dc/connections`: newest first by default; `limit=-1` streams them all. */
export function listConnections(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const filter = connectionFilter(q);
    await sendList(
      req,
      res,
      q,
      () => countConnections(deps.db, filter),
      async (skip, take) =>
        (await readConnections(deps.db, filter, { skip, take, sort: q.sort })).map(connectionResource),
    );
  };
}
