import { randomUUID } from "node:crypto";
import { prepared, type Queryable } from "@cckm/db";
import { JobError } from "../../errors.ts";

/** The partial unique index that refuses a second running sync of a KMS resource. */
export const ONE_RUNNING_PER_KMS = "aws_sync_job_kms_one_running_per_kms";

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
