import type { Prisma } from "@cckm/db";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { listQuery, orderByOf, sendList } from "../../http/list.ts";
import { isSapCloudName, NOTHING, queryText, queryUuid } from "../../http/query-types.ts";
import { parse } from "../../http/validate.ts";
import { GROUP_SELECT, groupResource } from "./group-resource.ts";

export const query = listQuery(
  {
    id: queryUuid.optional(),
    name: queryText().optional(),
    connection: queryText().optional(),
    cloud_name: queryText().optional(),
    group_id: queryText().optional(),
    application: queryText().optional(),
    tier: queryText().optional(),
    region: queryText().optional(),
    provider: queryText().optional(),
    key_store_name: queryText().optional(),
    creator_name: queryText().optional(),
    tenant: queryText().optional(),
  },
  ["createdAt", "updatedAt", "name", "region"] as const,
);

type GroupQuery = z.infer<typeof query>;

/**
 * The Prisma filter of a group list (docs/cckm-compatibility.md §1.2). `connection` is a name or an
 * id; `application`, `provider`, `key_store_name` and `creator_name` match SAP's group object as
 * synchronized (`application`, `keystore.provider`, `keystore.name`, `meta.creatorName`); `tenant`
 * the connection's tenant. We hold no service tier, so `tier` matches no group.
 */
export function groupFilter(q: GroupQuery): Prisma.SapGroupWhereInput {
  if (q.cloud_name !== undefined && !isSapCloudName(q.cloud_name)) return NOTHING;
  if (q.tier !== undefined) return NOTHING;
  const and: Prisma.SapGroupWhereInput[] = [];
  if (q.id) and.push({ id: q.id });
  if (q.name) and.push({ name: q.name });
  if (q.group_id) and.push({ sapGroupId: q.group_id });
  if (q.region) and.push({ region: q.region });
  if (q.connection) {
    const byId = z.uuid().safeParse(q.connection).success;
    and.push({ connection: byId ? { id: q.connection } : { name: q.connection } });
  }
  if (q.application) and.push({ sapMeta: { path: ["application"], equals: q.application } });
  if (q.provider) and.push({ sapMeta: { path: ["keystore", "provider"], equals: q.provider } });
  if (q.key_store_name) and.push({ sapMeta: { path: ["keystore", "name"], equals: q.key_store_name } });
  if (q.creator_name) and.push({ sapMeta: { path: ["meta", "creatorName"], equals: q.creator_name } });
  if (q.tenant) and.push({ connection: { tenant: q.tenant } });
  return { AND: and };
}

/** `GET /cckm/sap/groups`: CipherTrust's filters, by name by default; `limit=-1` streams them all. */
export function listGroups(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const where = groupFilter(q);
    const orderBy = orderByOf(q.sort, "name");
    await sendList(req, res, q, deps.db.sapGroup.count({ where }), async (skip, take) =>
      (await deps.db.sapGroup.findMany({ where, select: GROUP_SELECT, orderBy, skip, take })).map(groupResource),
    );
  };
}
