import type { Db } from "@cckm/db";

export interface GroupSyncDetail {
  group_id: string;
  name: string;
  status: "completed" | "failed";
  keys_found?: number;
  keys_added?: number;
  keys_updated?: number;
  keys_gone?: string[];
  error?: string;
}

export interface SyncDetails {
  groups: GroupSyncDetail[];
}

/**
 * The only writes of a sync job's status: `in_progress → completed | failed`, each one guarded
 * statement. A finished sync job is never changed again (a late retry finds nothing to update).
 */
export async function finishSync(
  db: Db,
  syncJobId: string,
  outcome: { status: "completed" | "failed"; details: SyncDetails; error?: string | null },
): Promise<boolean> {
  const { count } = await db.syncJob.updateMany({
    where: { id: syncJobId, overallStatus: "in_progress" },
    data: {
      overallStatus: outcome.status,
      details: outcome.details as object,
      error: outcome.error ?? null,
      completedAt: new Date(),
    },
  });
  return count === 1;
}

/** Fails a sync job whatever ended it (unreachable tenant, attempts exhausted, a broken invariant). */
export async function failSync(db: Db, syncJobId: string, error: string): Promise<boolean> {
  const job = await db.syncJob.findUnique({ where: { id: syncJobId }, select: { details: true } });
  const details = (job?.details ?? { groups: [] }) as unknown as SyncDetails;
  return finishSync(db, syncJobId, { status: "failed", details: { groups: details.groups ?? [] }, error });
}

export type CancelSyncOutcome = "cancelled" | "not_found" | "ended";

/**
 * Asks a running sync to stop: sets `abort` while it is `in_progress` (again on a second cancel).
 * The worker honours it between groups and ends the sync `completed`; an ended sync is left alone.
 */
export async function cancelSync(db: Db, syncJobId: string): Promise<CancelSyncOutcome> {
  const { count } = await db.syncJob.updateMany({
    where: { id: syncJobId, overallStatus: "in_progress" },
    data: { abort: true },
  });
  if (count === 1) return "cancelled";
  const row = await db.syncJob.findUnique({ where: { id: syncJobId }, select: { id: true } });
  return row ? "ended" : "not_found";
}
