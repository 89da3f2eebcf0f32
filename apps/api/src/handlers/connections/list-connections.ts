import { type ConnectionFilter, countConnections, listConnections } from "@cckm/inventory";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { listQuery } from "../../http/list.ts";
import { resourceList } from "../../http/list-resources.ts";
import { queryDate, queryText, queryUuid } from "../../http/query-types.ts";
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
 * `GET /connectionmgmt/services/sap-dc/connections` (docs/cckm-compatibility.md §1.4): newest first by
 * default; `products` is a comma list; `last_connection_ok=null` asks for connections never tested.
 */
export const SAP_CONNECTION_LIST = resourceList({
  query,
  filter: (q): ConnectionFilter => ({
    id: q.id,
    name: q.name,
    products: q.products?.split(",").map((p) => p.trim()),
    metaContains: q.meta_contains,
    createdBefore: q.createdBefore,
    createdAfter: q.createdAfter,
    lastTestOk: q.last_connection_ok === undefined ? undefined : LAST_TEST_OK[q.last_connection_ok],
    lastTestedBefore: q.last_connection_before,
    lastTestedAfter: q.last_connection_after,
  }),
  count: (deps: AppDeps, filter) => countConnections(deps.db, filter),
  read: (deps: AppDeps, filter, page) => listConnections(deps.db, filter, page),
  resource: connectionResource,
});
