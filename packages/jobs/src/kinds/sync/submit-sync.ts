import { randomUUID } from "node:crypto";
import { prepared, type Queryable } from "@cckm/db";
import { JobError } from "../../errors.ts";

/** The partial unique index that refuses a second running sync of a connection. */
export const ONE_RUNNING_PER_CONNECTION = "sync_jobs_one_running_per_connection";

export interface SubmitSyncInput {
  connectionId: string;
  /** SAP group ids or names; none means every group. */
  groups: string[];
  creatorId: string;
  creatorName: string;
}

// The sync job recorded in progress: one statement; a second running sync of the connection is refused
// by the partial unique index.
const SUBMIT = prepared(
  "submit_sync",
  `INSERT INTO sync_jobs (id, connection_id, synchronize_all, groups, creator_id, creator_name, details, updated_at)
   VALUES ($1::uuid, $2::uuid, $3, $4::text[], $5, $6, '{"groups": []}'::jsonb, now())
   RETURNING id`,
);

/** Records a sync job (in progress) and returns its id, or refuses it with JOB_ACTIVE. */
export async function submitSync(db: Queryable, input: SubmitSyncInput): Promise<string> {
  const id = randomUUID();
  try {
    await db.query({
      ...SUBMIT,
      values: [id, input.connectionId, input.groups.length === 0, input.groups, input.creatorId, input.creatorName],
    });
    return id;
  } catch (error) {
    const e = error as { code?: unknown; constraint?: unknown };
    if (e.code === "23505" && e.constraint === ONE_RUNNING_PER_CONNECTION) {
      throw new JobError("JOB_ACTIVE", "a synchronization of this connection is already running");
    }
    throw error;
  }
}
