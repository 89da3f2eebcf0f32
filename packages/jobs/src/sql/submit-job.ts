import { randomUUID } from "node:crypto";
import { prepared, type Queryable, SQL_STATE } from "@cckm/db";
import { JobError } from "../errors.ts";
import { type Job, type JobRow, jobColumns, jobFromRow } from "./rows.ts";

export interface SubmitInput {
  keyId: string;
  operation: "delete" | "restore";
  deleteIfBackupFails: boolean;
  creatorId: string;
  creatorName: string;
  /** The audit record of the request, written by the same statement as the job it records. */
  audit?: { requestId: string; action: string; status: number; detail: Record<string, unknown> };
}

/** The partial unique index that refuses a second PENDING or IN_PROGRESS job for a key. */
export const ONE_ACTIVE_PER_KEY = "sap_key_jobs_one_active_per_key";

// One statement: the key row is locked (delete-backup locks it too), so the checks and the insert
// see one state of the key; the job and its first event commit together.
const SUBMIT = prepared(
  "submit_job",
  `
WITH key AS (
  SELECT k.id, k.gone, k.backup_id, k.sap_key_id, g.sap_group_id
    FROM sap_keys k JOIN sap_groups g ON g.id = k.group_id
   WHERE k.id = $1::uuid
     FOR UPDATE OF k
), job AS (
  INSERT INTO sap_key_jobs (id, cckm_key_id, group_id, job_id, key_id, operation, creator_id, creator_name,
                            delete_if_backup_fails, updated_at)
  SELECT $2::uuid, key.id, key.sap_group_id, $3, key.sap_key_id, $4::text::job_operation, $5, $6, $7, now()
    FROM key
   WHERE CASE $4::text WHEN 'delete' THEN NOT key.gone ELSE key.gone AND key.backup_id IS NOT NULL END
  RETURNING ${jobColumns("sap_key_jobs")}
), event AS (
  INSERT INTO sap_key_job_events (job_id, from_state, to_state, actor, reason)
  SELECT job.id, NULL, ${SQL_STATE.PENDING}, $6, $4::text || ' submitted' FROM job
), audit AS (
  INSERT INTO audit_records (id, request_id, actor_id, actor_name, action, resource_type, resource_id, outcome,
                             status, detail)
  SELECT gen_random_uuid(), $8, $5, $6, $9, 'sap_job', job.id::text, 'success', $10, $11::jsonb
    FROM job WHERE $8::text IS NOT NULL
)
SELECT key.gone AS key_gone, key.backup_id IS NOT NULL AS key_has_backup, job.*
  FROM key LEFT JOIN job ON true`,
);

type SubmitRow = JobRow & { key_gone: boolean; key_has_backup: boolean };

/**
 * Records a job PENDING (with its audit record, if given, in the same statement), or refuses it with
 * a JobError naming why.
 */
export async function submitJob(db: Queryable, input: SubmitInput): Promise<Job> {
  const rows = await runSubmit(db, input);
  const row = rows[0];
  if (!row) throw new JobError("KEY_NOT_FOUND", `key ${input.keyId} not found`);
  if (row.id !== null) return jobFromRow(row);
  if (input.operation === "delete") throw new JobError("KEY_GONE", "the key is already deleted from SAP");
  if (!row.key_gone) throw new JobError("KEY_NOT_GONE", "the key still exists in SAP");
  throw new JobError("NO_BACKUP", "the key holds no backup");
}

/** SQLSTATE deadlock_detected. */
const DEADLOCK = "40P01";

// The submit locks the key row, then its insert may wait on the key's active job, whose worker may be
// committing a backup or a completion that needs the key row: Postgres breaks such a deadlock by
// aborting one side. A submit so aborted runs again (the other side has committed by then).
async function runSubmit(db: Queryable, input: SubmitInput): Promise<SubmitRow[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { rows } = await db.query<SubmitRow>({
        ...SUBMIT,
        values: [
          input.keyId,
          randomUUID(),
          randomUUID(),
          input.operation,
          input.creatorId,
          input.creatorName,
          input.operation === "delete" && input.deleteIfBackupFails,
          input.audit?.requestId ?? null,
          input.audit?.action ?? null,
          input.audit?.status ?? null,
          input.audit ? JSON.stringify(input.audit.detail) : null,
        ],
      });
      return rows;
    } catch (error) {
      if (isUniqueViolation(error, ONE_ACTIVE_PER_KEY)) {
        throw new JobError("JOB_ACTIVE", "a job is already pending or in progress for this key");
      }
      if ((error as { code?: unknown }).code === DEADLOCK && attempt < 3) continue;
      throw error;
    }
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e?.code === "23505" && e.constraint === constraint;
}
