import type { Db, Prisma } from "@cckm/db";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { listQuery, orderByOf, sendList } from "../../http/list.ts";
import { NOTHING, queryDate, queryText, queryUuid } from "../../http/query-types.ts";
import { parse } from "../../http/validate.ts";
import { CONNECTION_FIELDS, connectionResource } from "./connection-resource.ts";

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

type ConnectionQuery = z.infer<typeof query>;

/**
 * The Prisma filter of a connection list (docs/cckm-compatibility.md §1.4). `products` is a comma
 * list: every connection here serves `cckm`, so it matches all when it names `cckm` and none
 * otherwise; `meta_contains` matches connections whose `meta`, as JSON text, contains the value.
 */
export async function connectionFilter(db: Db, q: ConnectionQuery): Promise<Prisma.SapConnectionWhereInput> {
  if (q.products !== undefined && !q.products.split(",").some((p) => p.trim() === "cckm")) return NOTHING;
  const and: Prisma.SapConnectionWhereInput[] = [];
  if (q.id) and.push({ id: q.id });
  if (q.name) and.push({ name: q.name });
  if (q.createdBefore) and.push({ createdAt: { lt: q.createdBefore } });
  if (q.createdAfter) and.push({ createdAt: { gt: q.createdAfter } });
  if (q.last_connection_ok)
    and.push({ lastTestOk: q.last_connection_ok === "null" ? null : q.last_connection_ok === "true" });
  if (q.last_connection_before) and.push({ lastTestedAt: { lt: q.last_connection_before } });
  if (q.last_connection_after) and.push({ lastTestedAt: { gt: q.last_connection_after } });
  if (q.meta_contains) {
    const rows = await db.$queryRaw<Array<{ id: string }>>`
      SELECT id::text AS id FROM sap_connections WHERE strpos(meta::text, ${q.meta_contains}) > 0`;
    and.push({ id: { in: rows.map((r) => r.id) } });
  }
  return { AND: and };
}

/** API sort fields that are not the Prisma field's name. */
const SORT_FIELDS = { last_connection_at: "lastTestedAt" } as const;

/** `GET /connectionmgmt/services/sap-dc/connections`: newest first by default; `limit=-1` streams them all. */
export function listConnections(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const where = await connectionFilter(deps.db, q);
    const sort = q.sort?.map((s) => ({
      ...s,
      field: s.field === "last_connection_at" ? SORT_FIELDS[s.field] : s.field,
    }));
    const orderBy = orderByOf(sort, "-createdAt");
    await sendList(req, res, q, deps.db.sapConnection.count({ where }), async (skip, take) =>
      (await deps.db.sapConnection.findMany({ where, select: CONNECTION_FIELDS, orderBy, skip, take })).map(
        connectionResource,
      ),
    );
  };
}
