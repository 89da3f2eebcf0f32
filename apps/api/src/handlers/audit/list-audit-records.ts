import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { envelope, listQuery, orderOf } from "../../http/list.ts";
import { resourceBase } from "../../http/resource.ts";
import { parse } from "../../http/validate.ts";

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

/** `GET /audit/records` (admins): newest first by default. */
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
    const { direction } = orderOf<"createdAt">(q.sort, "-createdAt");
    const [total, rows] = await Promise.all([
      deps.db.auditRecord.count({ where }),
      deps.db.auditRecord.findMany({
        where,
        orderBy: [{ createdAt: direction }, { id: direction }],
        skip: q.skip,
        take: q.limit,
      }),
    ]);
    const resources = rows.map((r) => ({
      ...resourceBase("audit:records", r),
      request_id: r.requestId,
      actor_id: r.actorId,
      actor_name: r.actorName,
      action: r.action,
      resource_type: r.resourceType,
      resource_id: r.resourceId,
      outcome: r.outcome,
      status: r.status,
      detail: r.detail,
    }));
    res.json(envelope(q.skip, q.limit, total, resources));
  };
}
