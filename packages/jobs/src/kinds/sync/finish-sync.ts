import { JobState, prepared, type Queryable, SYNC_ACTIVE_STATUS, SyncStatus } from "@cckm/db";
import type { SyncDetails } from "@cckm/inventory";
import type { Ended } from "../../engine/kind.ts";

const ACTIVE = `'${SYNC_ACTIVE_STATUS}'`;

/** What a finishing statement returns: how the sync ended, for metrics. */
interface EndedSyncRow {
  status: "completed" | "failed";
  created_at: Date;
  completed_at: Date;
}

export const endedSync = (row: EndedSyncRow | undefined): Ended | null =>
  row
    ? {
        state: row.status === SyncStatus.completed ? JobState.DONE : JobState.FAILED,
        operation: "sync",
        createdAt: row.created_at,
        completedAt: row.completed_at,
      }
    : null;

// in_progress → completed | failed with its details: one guarded statement; an ended sync is left alone.
const FINISH = prepared(
  "finish_sync",
  `UPDATE sync_jobs
      SET overall_status = $2::text::sync_status, details = $3::jsonb, error = $4, completed_at = now(), updated_at = now()
    WHERE id = $1::uuid AND overall_status = ${ACTIVE}
   RETURNING overall_status::text AS status, created_at, completed_at`,
);

/** Ends a running sync with its outcome; null when it had already ended (a late retry finds nothing). */
export async function finishSync(
  db: Queryable,
  syncJobId: string,
  outcome: { status: "completed" | "failed"; details: SyncDetails; error?: string | null },
): Promise<Ended | null> {
  const { rows } = await db.query<EndedSyncRow>({
    ...FINISH,
    values: [syncJobId, outcome.status, JSON.stringify(outcome.details), outcome.error ?? null],
  });
  return endedSync(rows[0]);
}

// in_progress → failed whatever ended it, keeping the groups done so far: one guarded statement.
const FAIL = prepared(
  "fail_sync",
  `UPDATE sync_jobs
      SET overall_status = 'failed',
          details = jsonb_build_object('groups', COALESCE(details -> 'groups', '[]'::jsonb)),
          error = $2, completed_at = now(), updated_at = now()
    WHERE id = $1::uuid AND overall_status = ${ACTIVE}
   RETURNING overall_status::text AS status, created_at, completed_at`,
);

/** Fails a sync whatever ended it (unreachable tenant, attempts exhausted, the queue gave up). */
export async function failSync(db: Queryable, syncJobId: string, error: string): Promise<Ended | null> {
  const { rows } = await db.query<EndedSyncRow>({ ...FAIL, values: [syncJobId, error.slice(0, 2000)] });
  return endedSync(rows[0]);
}
