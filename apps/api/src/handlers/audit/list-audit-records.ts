import type { RequestHandler } from "express";
import { z } from "zod";
import { countAuditRecords, listAuditRecords as readAuditRecords } from "../../audit/audit-records.ts";
import type { AppDeps } from "../../context.ts";
import { listQuery, sendList } from "../../http/list.ts";
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
    const filter = {
      action: q.action,
      actorName: q.actor_name,
      outcome: q.outcome,
      resourceId: q.resource_id,
      requestId: q.request_id,
    };
    await sendList(
      req,
      res,
      q,
      () => countAuditRecords(deps.db, filter),
      async (skip, take) =>
        (await readAuditRecords(deps.db, filter, { skip, take, sort: q.sort })).map(auditRecordResource),
    );
  };
}
