import { ACTIVE_STATES_SQL, JobOperation, unreachable } from "@cckm/db";
import { KEY_JOBS_QUEUE, keyJobPayload } from "@cckm/queue";
import { type ClaimedJob, type ProcedureDeps, runDelete } from "../delete-procedure.ts";
import { defineKind, type JobRef } from "../engine/kind.ts";
import { rateLimitAware } from "../engine/rate-limit-aware.ts";
import { runRestore } from "../restore-procedure.ts";
import { withAttemptLock } from "../sql/attempt-lock.ts";
import { claimJob } from "../sql/claim-job.ts";
import { type Failure, failJob } from "../sql/fail-job.ts";
import type { Job } from "../sql/rows.ts";

/** What a delete or restore needs from the worker process. */
export type SapKeyJobServices = Pick<ProcedureDeps, "keyring" | "exportKey" | "clientFor" | "commits">;

/** A key job's queue job: BullMQ id `job_id`, name the operation. */
export const keyJobRef = (job: Pick<Job, "id" | "queueJobId" | "operation">): JobRef => ({
  id: job.id,
  queueJobId: job.queueJobId,
  name: job.operation,
});

const procedureOf = (operation: JobOperation) => {
  switch (operation) {
    case JobOperation.delete:
      return runDelete;
    case JobOperation.restore:
      return runRestore;
    default:
      return unreachable(operation);
  }
};

/**
 * Delete and restore of SAP keys (`sap_key_jobs`, queue `sap-key-jobs`): claimed and run under the
 * key's attempt lock (one attempt on a key at a time), through the procedures of this package.
 */
export const sapKeyJobKind = defineKind<{ jobId: string }, ClaimedJob, SapKeyJobServices>({
  name: "sap-key-job",
  logField: "jobId",
  queue: KEY_JOBS_QUEUE,
  payload: keyJobPayload,
  idOf: (payload) => payload.jobId,
  payloadOf: (id) => ({ jobId: id }),
  attempts: (settings) => settings.attempts,
  concurrency: (n) => n,
  table: {
    name: "sap_key_jobs",
    queueJobId: "job_id",
    jobName: "operation::text",
    active: `state IN (${ACTIVE_STATES_SQL})`,
  },
  scope: (pool, id, body) => withAttemptLock(pool, id, body),
  async claim(db, id, actor) {
    const claim = await claimJob(db, id, actor);
    if (claim.outcome !== "claimed") return claim;
    return { outcome: "claimed", claimed: { job: claim.job, context: claim.context } };
  },
  async run(claimed, { services, db, actor, log, final, mayWait }) {
    const keyId = claimed.job.cckmKeyId;
    const deps: ProcedureDeps = {
      ...services,
      pool: db,
      actor,
      clientFor: (connection) => rateLimitAware(services.clientFor(connection), mayWait),
      log: (message, fields) => log.info({ keyId, ...fields }, message),
    };
    return procedureOf(claimed.job.operation)(deps, claimed, { final });
  },
  fail: (db, id, actor, failure) => failJob(db, id, actor, failure as Failure),
});
