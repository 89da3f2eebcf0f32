import { claimJob, type EndedJob, failJob, type ProcedureDeps, runDelete, runRestore } from "@cckm/jobs";
import type { Logger } from "@cckm/log";
import type { Metrics } from "@cckm/metrics";
import { type KeyJobPayload, keyJobPayload } from "@cckm/queue";
import { type Job, UnrecoverableError } from "bullmq";
import { describeError, isFinalAttempt } from "../failure-policy.ts";

/** Counts a job this attempt ended (DONE or FAILED), with its time since submission. */
function recordEnd(metrics: Metrics, ended: EndedJob | null): void {
  if (!ended) return;
  const labels = { operation: ended.operation, outcome: ended.state };
  metrics.jobsFinished.inc(labels);
  metrics.jobDuration.observe(labels, (ended.completedAt.getTime() - ended.createdAt.getTime()) / 1000);
}

/** Everything a procedure needs but its log, which the processor makes per job (job id, attempt). */
type KeyJobDeps = Omit<ProcedureDeps, "log"> & { logger: Logger; metrics: Metrics };

/**
 * Runs one delete or restore job: claims it in Postgres (a missing or finished job is dropped), then
 * runs its procedure. A transient error is thrown back for BullMQ to retry with backoff (each step is
 * safe to run again); on the last attempt, or for an error no retry can fix, the job is marked
 * FAILED in Postgres first and the queue told not to retry.
 */
export function keyJobProcessor(deps: KeyJobDeps) {
  return async (job: Job<KeyJobPayload>): Promise<void> => {
    const { jobId } = keyJobPayload.parse(job.data);
    const log = deps.logger.child({ jobId, queueJobId: job.id, attempt: job.attemptsMade + 1 });
    const claim = await claimJob(deps.pool, jobId, deps.actor);
    if (claim.outcome === "missing") return log.warn("no such job in Postgres; dropping the queue job");
    if (claim.outcome === "finished") return log.info("job already finished; nothing to do");
    const claimed = claim.job;
    const procedure = claimed.operation === "delete" ? runDelete : runRestore;
    const procedureDeps: ProcedureDeps = {
      ...deps,
      log: (message, fields) => log.info({ keyId: claimed.cckmKeyId, ...fields }, message),
    };
    try {
      recordEnd(deps.metrics, await procedure(procedureDeps, claim, { final: isFinalAttempt(job, true) }));
    } catch (error) {
      const described = describeError(error);
      if (!isFinalAttempt(job, described.retryable)) {
        log.warn(
          { code: described.code, keyId: claimed.cckmKeyId },
          `attempt failed, will retry: ${described.message}`,
        );
        throw error;
      }
      recordEnd(deps.metrics, await failJob(deps.pool, jobId, deps.actor, described));
      log.error({ code: described.code, keyId: claimed.cckmKeyId }, `job failed: ${described.message}`);
      throw new UnrecoverableError(described.message);
    }
  };
}
