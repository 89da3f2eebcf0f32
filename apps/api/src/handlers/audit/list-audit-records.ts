import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { listQuery, orderByOf, sendList } from "../../http/list.ts";
import { parse } from "../../http/validate.ts";
import { auditRecordResource } from "./audit-record-resource.ts";

export const query = listQuery(
  {
    action: z.string().max(128).optional(),
    actor_name: z.string().max(128).optional(),
    outcome: z.enum(["success", "failure", "denied"]).optional(),
    resource_id: z.string().max(128).optional(),
    request_id: z.string().max(128).optional(),
  },
  ["createdAt"] as const,
);

/** `GET /audit/records` (admins): newest first by default; `limit=-1` streams them all. */
export function listAuditRecords(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const where = {
      ...(q.action ? { action: q.action } : {}),
      ...(q.actor_name ? { actorName: q.actor_name } : {}),
      ...(q.outcome ? { outcome: q.outcome } : {}),
      ...(q.resource_id ? { resourceId: q.resource_id } : {}),
      ...(q.request_id ? { requestId: q.request_id } : {}),
    };
    const orderBy = orderByOf(q.sort, "-createdAt");
    await sendList(req, res, q, deps.db.auditRecord.count({ where }), async (skip, take) =>
      (await deps.db.auditRecord.findMany({ where, orderBy, skip, take })).map(auditRecordResource),
    );
  };
}
