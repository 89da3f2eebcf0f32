import { randomUUID } from "node:crypto";
import { prepared, type Queryable } from "@cckm/db";
import { JobError } from "../../errors.ts";

/** The partial unique index that refuses a second running sync of an OCI connection. */
export const ONE_RUNNING_OCI_SYNC = "oci_sync_jobs_one_running_per_connection";

export interface SubmitOciSyncInput {
  connectionId: string;
  /** CM vault ids; none: every vault of the connection. */
  vaults: string[];
  compartments: string[];
  creatorId: string;
  creatorName: string;
}

const SUBMIT = prepared(
  "submit_oci_sync",
  `INSERT INTO oci_sync_jobs (id, connection_id, synchronize_all, vaults, compartments, creator_id, creator_name, details, updated_at)
   VALUES ($1::uuid, $2::uuid, $3, $4::text[], $5::text[], $6, $7, '{"vaults": []}'::jsonb, now())`,
);

/** Records an OCI sync job (in progress) and returns its id, or refuses it with JOB_ACTIVE. */
export async function submitOciSync(db: Queryable, input: SubmitOciSyncInput): Promise<string> {
  const id = randomUUID();
  try {
    await db.query({
      ...SUBMIT,
      values: [
        id,
        input.connectionId,
        input.vaults.length === 0,
        input.vaults,
        input.compartments,
        input.creatorId,
        input.creatorName,
      ],
    });
    return id;
  } catch (error) {
    const e = error as { code?: unknown; constraint?: unknown };
    if (e.code === "23505" && e.constraint === ONE_RUNNING_OCI_SYNC) {
      throw new JobError("JOB_ACTIVE", "a synchronization of this connection is already running");
    }
    throw error;
  }
}
