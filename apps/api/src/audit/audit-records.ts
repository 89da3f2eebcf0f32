import { type AuditRecord, type Db, orderByOf, type Page, type Prisma } from "@cckm/db";

// The reads of the audit log. Its one writer is audit-trail.ts, beside this file.

/** Which audit records a list holds (each field an exact match). */
export interface AuditRecordFilter {
  action?: string | undefined;
  actorName?: string | undefined;
  outcome?: "success" | "failure" | "denied" | undefined;
  resourceId?: string | undefined;
  requestId?: string | undefined;
}

export type AuditRecordSortField = "createdAt";

function auditWhere(f: AuditRecordFilter): Prisma.AuditRecordWhereInput {
  return {
    ...(f.action ? { action: f.action } : {}),
    ...(f.actorName ? { actorName: f.actorName } : {}),
    ...(f.outcome ? { outcome: f.outcome } : {}),
    ...(f.resourceId ? { resourceId: f.resourceId } : {}),
    ...(f.requestId ? { requestId: f.requestId } : {}),
  };
}

/** How many audit records match. */
export async function countAuditRecords(db: Db, filter: AuditRecordFilter): Promise<number> {
  return db.auditRecord.count({ where: auditWhere(filter) });
}

/** One page of the audit records that match; newest first unless sorted. */
export async function listAuditRecords(
  db: Db,
  filter: AuditRecordFilter,
  page: Page<AuditRecordSortField>,
): Promise<AuditRecord[]> {
  return db.auditRecord.findMany({
    where: auditWhere(filter),
    orderBy: orderByOf(page.sort, "-createdAt") as Prisma.AuditRecordOrderByWithRelationInput[],
    skip: page.skip,
    take: page.take,
  });
}
