import { ACTIVE_STATES_SQL, type BackupStatus, prepared, type Queryable, SQL_STATE } from "@cckm/db";
import { type EndedJob, type EndedRow, endedFromRow } from "./rows.ts";

// PENDING | IN_PROGRESS → FAILED with the error, whatever ended the job; a finished job is left alone.
const FAIL = prepared(
  "fail_job",
  `
WITH locked AS (
  SELECT id, state FROM sap_key_jobs WHERE id = $1::uuid FOR UPDATE
), job AS (
  UPDATE sap_key_jobs j
     SET state = ${SQL_STATE.FAILED}, completed_at = now(), error = $3, error_code = $4,
         backup_status = COALESCE($5::text::backup_status, j.backup_status), updated_at = now()
    FROM locked
   WHERE j.id = locked.id AND locked.state IN (${ACTIVE_STATES_SQL})
  RETURNING j.id, j.operation, j.state, j.created_at, j.completed_at, locked.state AS from_state
), event AS (
  INSERT INTO sap_key_job_events (job_id, from_state, to_state, actor, reason, error_code)
  SELECT job.id, job.from_state, ${SQL_STATE.FAILED}, $2, $6, $4 FROM job
)
SELECT id, operation, state, created_at, completed_at FROM job`,
);

export interface Failure {
  code: string;
  message: string;
  backupStatus?: BackupStatus;
}

/** Ends a job FAILED; null when it had already ended, so every failure path may call this, once or twice. */
export async function failJob(db: Queryable, jobId: string, actor: string, failure: Failure): Promise<EndedJob | null> {
  const { rows } = await db.query<EndedRow>({
    ...FAIL,
    values: [
      jobId,
      actor,
      failure.message.slice(0, 2000),
      failure.code,
      failure.backupStatus ?? null,
      failure.message.slice(0, 500),
    ],
  });
  return rows[0] ? endedFromRow(rows[0]) : null;
}
