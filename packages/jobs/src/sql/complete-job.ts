import { prepared, type Queryable, SQL_STATE } from "@cckm/db";
import { type EndedJob, type EndedRow, endedFromRow } from "./rows.ts";

// IN_PROGRESS → DONE with the key gone (holding this job's proven backup, if any; the key's other
// backups dropped then), and the event: one statement.
const COMPLETE_DELETE = prepared(
  "complete_delete",
  `
WITH job AS (
  UPDATE sap_key_jobs
     SET state = ${SQL_STATE.DONE}, completed_at = now(), error = NULL, error_code = NULL, updated_at = now()
   WHERE id = $1::uuid AND state = ${SQL_STATE.IN_PROGRESS}
  RETURNING id, cckm_key_id, operation, state, created_at, completed_at
), key AS (
  UPDATE sap_keys k SET gone = true, gone_at = now(), backup_id = COALESCE($3::uuid, k.backup_id), updated_at = now()
    FROM job WHERE k.id = job.cckm_key_id
  RETURNING k.id
), older AS (
  DELETE FROM key_backups b USING job
   WHERE $3::uuid IS NOT NULL AND b.key_id = job.cckm_key_id AND b.id <> $3::uuid
), event AS (
  INSERT INTO sap_key_job_events (job_id, from_state, to_state, actor, reason)
  SELECT job.id, ${SQL_STATE.IN_PROGRESS}, ${SQL_STATE.DONE}, $2, 'deleted from SAP' FROM job
)
SELECT id, operation, state, created_at, completed_at FROM job`,
);

/** Ends a delete DONE; null if the job was no longer running (another attempt or a failure ended it). */
export async function completeDelete(
  db: Queryable,
  jobId: string,
  actor: string,
  backupId: string | null,
): Promise<EndedJob | null> {
  const { rows } = await db.query<EndedRow>({ ...COMPLETE_DELETE, values: [jobId, actor, backupId] });
  return rows[0] ? endedFromRow(rows[0]) : null;
}

export interface RestoredKey {
  sapKeyId: string;
  enabled: boolean;
  sapState: string | null;
  primaryVersion: number;
  totalVersions: number;
  description: string | null;
  sapMeta: object;
}

// IN_PROGRESS → DONE with the key's new SAP id recorded and `gone = false` (the resource id stays).
const COMPLETE_RESTORE = prepared(
  "complete_restore",
  `
WITH job AS (
  UPDATE sap_key_jobs
     SET state = ${SQL_STATE.DONE}, completed_at = now(), restored_sap_key_id = $3, error = NULL, error_code = NULL,
         updated_at = now()
   WHERE id = $1::uuid AND state = ${SQL_STATE.IN_PROGRESS}
  RETURNING id, cckm_key_id, operation, state, created_at, completed_at
), key AS (
  UPDATE sap_keys k
     SET sap_key_id = $3, gone = false, gone_at = NULL, enabled = $4, sap_state = $5, primary_version = $6,
         total_versions = $7, description = $8, sap_meta = $9::jsonb, last_synced_at = now(), updated_at = now()
    FROM job WHERE k.id = job.cckm_key_id
  RETURNING k.id
), event AS (
  INSERT INTO sap_key_job_events (job_id, from_state, to_state, actor, reason)
  SELECT job.id, ${SQL_STATE.IN_PROGRESS}, ${SQL_STATE.DONE}, $2, 'restored as SAP key ' || $3 FROM job
)
SELECT id, operation, state, created_at, completed_at FROM job`,
);

/** Ends a restore DONE; null if the job was no longer running. */
export async function completeRestore(
  db: Queryable,
  jobId: string,
  actor: string,
  restored: RestoredKey,
): Promise<EndedJob | null> {
  const { rows } = await db.query<EndedRow>({
    ...COMPLETE_RESTORE,
    values: [
      jobId,
      actor,
      restored.sapKeyId,
      restored.enabled,
      restored.sapState,
      restored.primaryVersion,
      restored.totalVersions,
      restored.description,
      JSON.stringify(restored.sapMeta),
    ],
  });
  return rows[0] ? endedFromRow(rows[0]) : null;
}
