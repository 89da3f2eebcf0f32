import type { Prisma } from "@cckm/db";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { listQuery, orderByOf, sendList } from "../../http/list.ts";
import { isSapCloudName, NOTHING, queryBoolean, queryInt, queryText, queryUuid } from "../../http/query-types.ts";
import { parse } from "../../http/validate.ts";
import { KEY_INCLUDE, keyResource } from "./key-resource.ts";

export const query = listQuery(
  {
    id: queryUuid.optional(),
    name: queryText().optional(),
    cloud_name: queryText().optional(),
    origin: queryText().optional(),
    type: z
      .string()
      .transform((v) => v.toUpperCase())
      .pipe(z.enum(["AES", "RSA", "EC"]))
      .optional(),
    size: queryInt(0, 65_536).optional(),
    enabled: queryBoolean.optional(),
    exportable: queryBoolean.optional(),
    gone: queryBoolean.optional(),
    tenant: queryText().optional(),
    creator_name: queryText().optional(),
    creator_id: queryText().optional(),
    sap_application: queryText().optional(),
    sap_group_name: queryText().optional(),
    totalVersions: queryInt(0, 1_000_000).optional(),
    backup: queryBoolean.optional(),
    sap_key_id: queryText().optional(),
  },
  ["createdAt", "updatedAt", "name", "type", "size", "totalVersions", "gone"] as const,
);

type KeyQuery = z.infer<typeof query>;

/**
 * The Prisma filter of a key list. Every key here is a native SAP key (`origin` `native`) of cloud
 * `sap`; `creator_*` match SAP's own `meta.creatorId`/`creatorName` as synchronized, and
 * `sap_application` the SAP group's `application`. A value nothing we hold can have matches nothing.
 */
export function keyFilter(q: KeyQuery): Prisma.SapKeyWhereInput {
  if (q.cloud_name !== undefined && !isSapCloudName(q.cloud_name)) return NOTHING;
  if (q.origin !== undefined && q.origin.toLowerCase() !== "native") return NOTHING;
  const and: Prisma.SapKeyWhereInput[] = [];
  if (q.id) and.push({ id: q.id });
  if (q.name) and.push({ name: q.name });
  if (q.type) and.push({ type: q.type });
  if (q.size !== undefined) and.push({ size: q.size });
  if (q.enabled !== undefined) and.push({ enabled: q.enabled });
  if (q.exportable !== undefined) and.push({ exportable: q.exportable });
  if (q.gone !== undefined) and.push({ gone: q.gone });
  if (q.totalVersions !== undefined) and.push({ totalVersions: q.totalVersions });
  if (q.creator_id) and.push({ sapMeta: { path: ["creatorId"], equals: q.creator_id } });
  if (q.creator_name) and.push({ sapMeta: { path: ["creatorName"], equals: q.creator_name } });
  if (q.sap_group_name) and.push({ group: { name: q.sap_group_name } });
  if (q.sap_application) and.push({ group: { sapMeta: { path: ["application"], equals: q.sap_application } } });
  if (q.backup !== undefined) and.push({ backupId: q.backup ? { not: null } : null });
  if (q.sap_key_id) and.push({ sapKeyId: q.sap_key_id });
  if (q.tenant) and.push({ connection: { tenant: q.tenant } });
  return { AND: and };
}

/** `GET /cckm/sap/keys`: CipherTrust's filters, newest first by default; `limit=-1` streams them all. */
export function listKeys(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const where = keyFilter(q);
    const orderBy = orderByOf(q.sort, "-createdAt");
    await sendList(req, res, q, deps.db.sapKey.count({ where }), async (skip, take) =>
      (await deps.db.sapKey.findMany({ where, include: KEY_INCLUDE, orderBy, skip, take })).map(keyResource),
    );
  };
}
