import type { AuditRecord } from "@cckm/db";
import { z } from "zod";
import { resourceBase, resourceBaseShape } from "../../http/resource.ts";

/** The answer's schema of an audit record (OpenAPI); `auditRecordResource` is typed by it. */
export const auditRecordResourceSchema = z.object({
  ...resourceBaseShape,
  request_id: z.string(),
  actor_id: z.string().nullable(),
  actor_name: z.string().nullable(),
  action: z.string(),
  resource_type: z.string().nullable(),
  resource_id: z.string().nullable(),
  outcome: z.enum(["success", "failure", "denied"]),
  status: z.number().int().nullable(),
  detail: z.unknown(),
});

export type AuditRecordResource = z.output<typeof auditRecordResourceSchema>;

/** One audit record: who did what to which resource, and how it ended. */
export function auditRecordResource(r: AuditRecord): AuditRecordResource {
  return {
    ...resourceBase("audit:records", r),
    request_id: r.requestId,
    actor_id: r.actorId,
    actor_name: r.actorName,
    action: r.action,
    resource_type: r.resourceType,
    resource_id: r.resourceId,
    outcome: r.outcome as AuditRecordResource["outcome"],
    status: r.status,
    detail: r.detail,
  };
}
