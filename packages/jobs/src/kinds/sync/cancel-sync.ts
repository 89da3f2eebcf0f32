import { prepared, type Queryable, SYNC_ACTIVE_STATUS } from "@cckm/db";

export type CancelSyncOutcome = "cancelled" | "not_found" | "ended";

// `abort` set while the sync runs (again on a second cancel), and whether the row exists: one statement.
const CANCEL = prepared(
  "cancel_sync",
  `WITH job AS (
     SELECT id, overall_status FROM sync_jobs WHERE id = $1::uuid FOR UPDATE
   ), cancelled AS (
     UPDATE sync_jobs s SET abort = true, updated_at = now()
       FROM job WHERE s.id = job.id AND job.overall_status = '${SYNC_ACTIVE_STATUS}'
     RETURNING s.id
   )
   SELECT (SELECT count(*) FROM job)::int AS found, (SELECT count(*) FROM cancelled)::int AS cancelled`,
);

/**
 * Asks a running sync to stop: sets `abort` while it is in progress. The worker honours it between
 * groups and ends the sync `completed`; an ended sync is left alone.
 */
export async function cancelSync(db: Queryable, syncJobId: string): Promise<CancelSyncOutcome> {
  const { rows } = await db.query<{ found: number; cancelled: number }>({ ...CANCEL, values: [syncJobId] });
  if ((rows[0]?.cancelled ?? 0) > 0) return "cancelled";
  return (rows[0]?.found ?? 0) > 0 ? "ended" : "not_found";
}

const ABORT = prepared("sync_abort_requested", "SELECT abort FROM sync_jobs WHERE id = $1::uuid");

/** Whether a cancel asked the sync to stop (reads only). */
export async function abortRequested(db: Queryable, syncJobId: string): Promise<boolean> {
  const { rows } = await db.query<{ abort: boolean }>({ ...ABORT, values: [syncJobId] });
  return rows[0]?.abort === true;
}
