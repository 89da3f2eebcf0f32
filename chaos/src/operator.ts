import type { BenchStack } from "@cckm/bench/src/stack.ts";
import { ACTIVE_STATES_SQL, JobState } from "@cckm/db";
import type pg from "pg";
import { mapLimit, pause } from "./prng.ts";

export const JOBS = "/cckm/sap/keys/jobs";

export interface Submission {
  id: string;
  operation: "delete" | "restore";
  delete_if_backup_fails?: boolean;
}

export interface SubmitCounts {
  submitted: number;
  /** Refused with a 4xx (409: a job is active, the key is gone or not, no backup). */
  refused: Record<string, number>;
  /** Answers that asked to try again (5xx, 429, no answer), retried as a client would. */
  retried: number;
  /** Submissions that never got an answer before the deadline. */
  unanswered: number;
}

const emptyCounts = (): SubmitCounts => ({ submitted: 0, refused: {}, retried: 0, unanswered: 0 });

/**
 * Submits each job through the API as an operator's script would: an outage (5xx, 429, no answer) is
 * retried with backoff until `deadline`; a 201 or a 4xx is the answer.
 */
export async function submitAll(stack: BenchStack, jobs: Submission[], deadline: number): Promise<SubmitCounts> {
  const counts = emptyCounts();
  await mapLimit(jobs, 16, async (job) => {
    for (let delay = 200; ; delay = Math.min(delay * 2, 3000)) {
      const status = await stack.call("POST", JOBS, job).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 201) {
        counts.submitted++;
        return;
      }
      if (status >= 400 && status < 500 && status !== 429) {
        counts.refused[status] = (counts.refused[status] ?? 0) + 1;
        return;
      }
      if (Date.now() + delay > deadline) {
        counts.unanswered++;
        return;
      }
      counts.retried++;
      await pause(delay);
    }
  });
  return counts;
}

const ACTIVE = `SELECT count(*)::int AS n FROM sap_key_jobs WHERE state IN (${ACTIVE_STATES_SQL})`;

/** Waits until no job is PENDING or IN_PROGRESS (polling Postgres), or `deadline`; returns how many are left. */
export async function waitForJobs(db: pg.Pool, deadline: number): Promise<number> {
  for (;;) {
    const left = await db.query<{ n: number }>(ACTIVE).then(
      (r) => r.rows[0]?.n ?? 0,
      () => -1,
    );
    if (left === 0 || Date.now() > deadline) return left;
    await pause(500);
  }
}

/** Keys whose latest job FAILED, with that job's operation: what an operator resubmits. */
export async function lastFailed(db: pg.Pool): Promise<Submission[]> {
  const { rows } = await db.query<{
    cckm_key_id: string;
    operation: "delete" | "restore";
    dibf: boolean;
    state: string;
  }>(
    `SELECT DISTINCT ON (cckm_key_id) cckm_key_id, operation::text AS operation, delete_if_backup_fails AS dibf, state
       FROM sap_key_jobs ORDER BY cckm_key_id, created_at DESC, id DESC`,
  );
  return rows
    .filter((r) => r.state === JobState.FAILED)
    .map((r) => ({
      id: r.cckm_key_id,
      operation: r.operation,
      ...(r.operation === "delete" ? { delete_if_backup_fails: r.dibf } : {}),
    }));
}

/** Starts a synchronization of every group through the API and waits for its end. */
export async function synchronize(stack: BenchStack, connection: string, deadline: number): Promise<string> {
  const started = await stack.call("POST", "/cckm/sap/synchronization-jobs", { connection, synchronize_all: true });
  if (started.status !== 201) throw new Error(`synchronization refused: ${started.status}`);
  for (;;) {
    const job = await stack.call("GET", `/cckm/sap/synchronization-jobs/${started.body.id}`);
    if (job.body?.overall_status && job.body.overall_status !== "in_progress") return job.body.overall_status;
    if (Date.now() > deadline) throw new Error("synchronization did not end in time");
    await pause(500);
  }
}
