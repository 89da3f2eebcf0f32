import { randomUUID } from "node:crypto";
import { JobState, prepared, type Queryable, SYNC_ACTIVE_STATUS, SyncStatus } from "@cckm/db";
import type { Ended } from "../../engine/kind.ts";
import { JobError } from "../../errors.ts";

/** The partial unique index that refuses a second running sync of a KMS resource. */
export const ONE_RUNNING_PER_KMS = "aws_sync_job_kms_one_running_per_kms";

const ACTIVE = `'${SYNC_ACTIVE_STATUS}'`;

// The job and its KMS resources, running, in one statement; a KMS already being synchronized is
// refused by the partial unique index (and nothing is recorded).
const SUBMIT = prepared(
  "submit_aws_sync",
  `WITH job AS (
     INSERT INTO aws_sync_jobs (id, synchronize_all, creator_id, creator_name, details, updated_at)
     VALUES ($1::uuid, $2, $4, $5, '{"kms": []}'::jsonb, now())
     RETURNING id
   )
   INSERT INTO aws_sync_job_kms (sync_job_id, kms_id)
   SELECT job.id, k FROM job, unnest($3::uuid[]) AS k
   RETURNING sync_job_id`,
);

export interface SubmitAwsSyncInput {
  kmsIds: string[];
  synchronizeAll: boolean;
  creatorId: string;
  creatorName: string;
}

/** Records a running AWS sync job and returns its id, or refuses it with JOB_ACTIVE. */
export async function submitAwsSync(db: Queryable, input: SubmitAwsSyncInput): Promise<string> {
  const id = randomUUID();
  try {
    await db.query({
      ...SUBMIT,
      values: [id, input.synchronizeAll, input.kmsIds, input.creatorId, input.creatorName],
    });
    return id;
  } catch (error) {
    const e = error as { code?: unknown; constraint?: unknown };
    if (e.code === "23505" && e.constraint === ONE_RUNNING_PER_KMS) {
      throw new JobError("JOB_ACTIVE", "a synchronization of this KMS is already running");
    }
    throw error;
  }
}

interface EndedRow {
  status: "completed" | "failed";
  created_at: Date;
  completed_at: Date;
}

const ended = (row: EndedRow | undefined): Ended | null =>
  row
    ? {
        state: row.status === SyncStatus.completed ? JobState.DONE : JobState.FAILED,
        operation: "aws-sync",
        createdAt: row.created_at,
        completedAt: row.completed_at,
      }
    : null;

// in_progress → completed | failed, its KMS resources released: one guarded statement; an ended job is left alone.
const END = prepared(
  "end_aws_sync",
  `WITH ended AS (
     UPDATE aws_sync_jobs
        SET overall_status = $2::text::sync_status, details = COALESCE($3::jsonb, details), error = $4,
            completed_at = now(), updated_at = now()
      WHERE id = $1::uuid AND overall_status = ${ACTIVE}
     RETURNING id, overall_status::text AS status, created_at, completed_at
   ), released AS (
     UPDATE aws_sync_job_kms SET running = false FROM ended WHERE sync_job_id = ended.id
   )
   SELECT status, created_at, completed_at FROM ended`,
);

/** Ends a running AWS sync; null when it had already ended. `details` null keeps what was recorded. */
export async function endAwsSync(
  db: Queryable,
  id: string,
  outcome: { status: "completed" | "failed"; details: unknown; error: string | null },
): Promise<Ended | null> {
  const details = outcome.details === null ? null : JSON.stringify(outcome.details);
  const { rows } = await db.query<EndedRow>({
    ...END,
    values: [id, outcome.status, details, outcome.error?.slice(0, 2000) ?? null],
  });
  return ended(rows[0]);
}

export type CancelAwsSyncOutcome = "cancelled" | "not_found" | "ended";

const CANCEL = prepared(
  "cancel_aws_sync",
  `WITH job AS (
     SELECT id, overall_status FROM aws_sync_jobs WHERE id = $1::uuid FOR UPDATE
   ), cancelled AS (
     UPDATE aws_sync_jobs s SET abort = true, updated_at = now()
       FROM job WHERE s.id = job.id AND job.overall_status = ${ACTIVE}
     RETURNING s.id
   )
   SELECT (SELECT count(*) FROM job)::int AS found, (SELECT count(*) FROM cancelled)::int AS cancelled`,
);

/** Asks a running AWS sync to stop (it stops before its next region and ends completed). */
export async function cancelAwsSync(db: Queryable, id: string): Promise<CancelAwsSyncOutcome> {
  const { rows } = await db.query<{ found: number; cancelled: number }>({ ...CANCEL, values: [id] });
  if ((rows[0]?.cancelled ?? 0) > 0) return "cancelled";
  return (rows[0]?.found ?? 0) > 0 ? "ended" : "not_found";
}

const ABORT = prepared("aws_sync_abort_requested", "SELECT abort FROM aws_sync_jobs WHERE id = $1::uuid");

export async function awsAbortRequested(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query<{ abort: boolean }>({ ...ABORT, values: [id] });
  return rows[0]?.abort === true;
}
