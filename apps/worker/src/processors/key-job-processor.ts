import type { Pool } from "@cckm/db";
import {
  claimJob,
  type EndedJob,
  failJob,
  type ProcedureDeps,
  runDelete,
  runRestore,
  withAttemptLock,
} from "@cckm/jobs";
import type { Metrics } from "@cckm/metrics";
import { type KeyJobPayload, keyJobPayload } from "@cckm/queue";
import type { Job } from "bullmq";
import { type AttemptDeps, runAttempt } from "../attempt.ts";
import { canWait, isFinalAttempt } from "../failure-policy.ts";
import { rateLimitAware } from "../rate-limit-aware.ts";

/** Counts a job this attempt ended (DONE or FAILED), with its time since submission. */
function recordEnd(metrics: Metrics, ended: EndedJob | null): void {
  if (!ended) return;
  const labels = { operation: ended.operation, outcome: ended.state };
  metrics.jobsFinished.inc(labels);
  metrics.jobDuration.observe(labels, (ended.completedAt.getTime() - ended.createdAt.getTime()) / 1000);
}

/** Everything a procedure needs but its log, which the processor makes per job (job id, attempt). */
type KeyJobDeps = Omit<ProcedureDeps, "log" | "pool"> & AttemptDeps & { pool: Pool };

/**
 * Runs one delete or restore job: claims it in Postgres (a missing or finished job is dropped), then
 * runs its procedure. What an error means (wait, retry, fail) is runAttempt's one decision; a final
 * failure is written to Postgres before the queue is told not to retry.
 */
export function keyJobProcessor(deps: KeyJobDeps) {
  return async (job: Job<KeyJobPayload>, token?: string): Promise<void> => {
    const { jobId } = keyJobPayload.parse(job.data);
    await runAttempt(
      deps,
      job,
      token,
      { jobId },
      ({ counters, log }) =>
        // One attempt of a job at a time, whatever the queue delivered twice (withAttemptLock).
        withAttemptLock(deps.pool, jobId, async (db) => {
          const claim = await claimJob(db, jobId, deps.actor);
          if (claim.outcome === "missing") return log.warn("no such job in Postgres; dropping the queue job");
          if (claim.outcome === "finished") return log.info("job already finished; nothing to do");
          const keyId = claim.job.cckmKeyId;
          const mayWait = canWait(counters);
          const procedureDeps: ProcedureDeps = {
            ...deps,
            pool: db,
            clientFor: (connection) => rateLimitAware(deps.clientFor(connection), mayWait),
            log: (message, fields) => log.info({ keyId, ...fields }, message),
          };
          const procedure = claim.job.operation === "delete" ? runDelete : runRestore;
          recordEnd(deps.metrics, await procedure(procedureDeps, claim, { final: isFinalAttempt(counters) }));
        }),
      async (described) => {
        recordEnd(deps.metrics, await failJob(deps.pool, jobId, deps.actor, described));
      },
    );
  };
}
