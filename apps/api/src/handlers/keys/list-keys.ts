import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { envelope, listQuery, orderOf } from "../../http/list.ts";
import { queryBoolean } from "../../http/query-types.ts";
import { parse } from "../../http/validate.ts";
import { KEY_INCLUDE, keyResource } from "./key-resource.ts";

export const query = listQuery(
  {
    name: z.string().max(256).optional(),
    type: z.enum(["AES", "RSA", "EC"]).optional(),
    gone: queryBoolean.optional(),
    enabled: queryBoolean.optional(),
    exportable: queryBoolean.optional(),
    backup: queryBoolean.optional(),
    sap_group_name: z.string().max(256).optional(),
    sap_key_id: z.string().max(256).optional(),
  },
  ["createdAt", "name", "updatedAt"] as const,
);

/** `GET /cckm/sap/keys`: the CCKM filters, newest first by default. */
export function listKeys(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const where = {
      ...(q.name ? { name: q.name } : {}),
      ...(q.type ? { type: q.type } : {}),
      ...(q.gone !== undefined ? { gone: q.gone } : {}),
      ...(q.enabled !== undefined ? { enabled: q.enabled } : {}),
      ...(q.exportable !== undefined ? { exportable: q.exportable } : {}),
      ...(q.backup !== undefined ? { backupId: q.backup ? { not: null } : null } : {}),
      ...(q.sap_group_name ? { group: { name: q.sap_group_name } } : {}),
      ...(q.sap_key_id ? { sapKeyId: q.sap_key_id } : {}),
    };
    const { field, direction } = orderOf<"createdAt" | "name" | "updatedAt">(q.sort, "-createdAt");
    const [total, rows] = await Promise.all([
      deps.db.sapKey.count({ where }),
      deps.db.sapKey.findMany({
        where,
        include: KEY_INCLUDE,
        orderBy: [{ [field]: direction }, { id: direction }],
        skip: q.skip,
        take: q.limit,
      }),
    ]);
    res.json(envelope(q.skip, q.limit, total, rows.map(keyResource)));
  };
}
