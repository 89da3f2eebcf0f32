import { countKeys, type KeyFilter, listKeys as readKeys } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { listQuery, sendList } from "../../http/list.ts";
import { queryBoolean, queryInt, queryText, queryUuid } from "../../http/query-types.ts";
import { parse } from "../../http/validate.ts";
import { keyResource } from "./key-resource.ts";

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

/** The filter of a key list (the inventory's KeyFilter says what each field matches). */
function keyFilter(q: z.infer<typeof query>): KeyFilter {
  return {
    id: q.id,
    name: q.name,
    cloudName: q.cloud_name,
    origin: q.origin,
    type: q.type,
    size: q.size,
    enabled: q.enabled,
    exportable: q.exportable,
    gone: q.gone,
    tenant: q.tenant,
    creatorName: q.creator_name,
    creatorId: q.creator_id,
    sapApplication: q.sap_application,
    sapGroupName: q.sap_group_name,
    totalVersions: q.totalVersions,
    backup: q.backup,
    sapKeyId: q.sap_key_id,
  };
}

/** `GET /cckm/sap/keys`: CipherTrust's filters, newest first by default; `limit=-1` streams them all. */
export function listKeys(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const filter = keyFilter(q);
    await sendList(
      req,
      res,
      q,
      () => countKeys(deps.db, filter),
      async (skip, take) => (await readKeys(deps.db, filter, { skip, take, sort: q.sort })).map(keyResource),
    );
  };
}
