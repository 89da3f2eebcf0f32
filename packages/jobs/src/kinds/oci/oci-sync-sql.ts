import { randomUUID } from "node:crypto";
import { prepared, type Queryable, SYNC_ACTIVE_STATUS } from "@cckm/db";
import type { OciSyncDetails } from "@cckm/inventory";
import type { Ended } from "../../engine/kind.ts";
import { JobError } from "../../errors.ts";
import { endedSync } from "../sync/finish-sync.ts";

const ACTIVE = `'${SYNC_ACTIVE_STATUS}'`;

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

const FINISH = prepared(
  "finish_oci_sync",
  `UPDATE oci_sync_jobs
      SET overall_status = $2::text::sync_status, details = $3::jsonb, error = $4, completed_at = now(), updated_at = now()
    WHERE id = $1::uuid AND overall_status = ${ACTIVE}
   RETURNING overall_status::text AS status, created_at, completed_at`,
);

/** Ends a running OCI sync; null when it had already ended. */
export async function finishOciSync(
  db: Queryable,
  id: string,
  outcome: { status: "completed" | "failed"; details: OciSyncDetails; error?: string | null },
): Promise<Ended | null> {
  const { rows } = await db.query({
    ...FINISH,
    values: [id, outcome.status, JSON.stringify(outcome.details), outcome.error ?? null],
  });
  return endedSync(rows[0]);
}

const FAIL = prepared(
  "fail_oci_sync",
  `UPDATE oci_sync_jobs SET overall_status = 'failed', error = $2, completed_at = now(), updated_at = now()
    WHERE id = $1::uuid AND overall_status = ${ACTIVE}
   RETURNING overall_status::text AS status, created_at, completed_at`,
);

export async function failOciSync(db: Queryable, id: string, error: string): Promise<Ended | null> {
  const { rows } = await db.query({ ...FAIL, values: [id, error.slice(0, 2000)] });
  return endedSync(rows[0]);
}

export type CancelOciSyncOutcome = "cancelled" | "not_found" | "ended";

const CANCEL = prepared(
  "cancel_oci_sync",
  `WITH job AS (
     SELECT id, overall_status FROM oci_sync_jobs WHERE id = $1::uuid FOR UPDATE
   ), cancelled AS (
     UPDATE oci_sync_jobs s SET abort = true, updated_at = now()
       FROM job WHERE s.id = job.id AND job.overall_status = ${ACTIVE}
     RETURNING s.id
   )
   SELECT (SELECT count(*) FROM job)::int AS found, (SELECT count(*) FROM cancelled)::int AS cancelled`,
);

/** Asks a running OCI sync to stop before its next vault; an ended one is left alone. */
export async function cancelOciSync(db: Queryable, id: string): Promise<CancelOciSyncOutcome> {
  const { rows } = await db.query<{ found: number; cancelled: number }>({ ...CANCEL, values: [id] });
  if ((rows[0]?.cancelled ?? 0) > 0) return "cancelled";
  return (rows[0]?.found ?? 0) > 0 ? "ended" : "not_found";
}

const ABORT = prepared("oci_sync_abort_requested", "SELECT abort FROM oci_sync_jobs WHERE id = $1::uuid");

export async function ociAbortRequested(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query<{ abort: boolean }>({ ...ABORT, values: [id] });
  return rows[0]?.abort === true;
}
