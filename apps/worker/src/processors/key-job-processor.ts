import type { Db } from "@cckm/db";
import { failJob, type ProcedureDeps, runDelete, runRestore } from "@cckm/jobs";
import type { Logger } from "@cckm/log";
import type { Metrics } from "@cckm/metrics";
import { type KeyJobPayload, keyJobPayload } from "@cckm/queue";
import { type Job, UnrecoverableError } from "bullmq";
import { describeError, isFinalAttempt } from "../failure-policy.ts";

/**
 * Runs one delete or restore job. A transient error is thrown back for BullMQ to retry with backoff
 * (each step is safe to run again); on the last attempt, or for an error no retry can fix, the job is
 * marked FAILED in Postgres first and the queue told not to retry.
 */
/** Counts a job this attempt ended (DONE or FAILED), with its time since submission. */
async function recordEnd(db: Db, metrics: Metrics, jobId: string): Promise<void> {
  const row = await db.sapKeyJob.findUnique({
    where: { id: jobId },
    select: { state: true, operation: true, createdAt: true, completedAt: true },
  });
  if (!row?.completedAt || (row.state !== "DONE" && row.state !== "FAILED")) return;
  const labels = { operation: row.operation, outcome: row.state };
  metrics.jobsFinished.inc(labels);
  metrics.jobDuration.observe(labels, (row.completedAt.getTime() - row.createdAt.getTime()) / 1000);
}

/** Everything a procedure needs but its log, which the processor makes per job (job id, attempt). */
type KeyJobDeps = Omit<ProcedureDeps, "log"> & { db: Db; logger: Logger; metrics: Metrics };

export function keyJobProcessor(deps: KeyJobDeps) {
  return async (job: Job<KeyJobPayload>): Promise<void> => {
    const { jobId } = keyJobPayload.parse(job.data);
    const log = deps.logger.child({ jobId, queueJobId: job.id, attempt: job.attemptsMade + 1 });
    const row = await deps.db.sapKeyJob.findUnique({
      where: { id: jobId },
      select: { operation: true, cckmKeyId: true },
    });
    if (!row) return log.warn("no such job in Postgres; dropping the queue job");
    const procedure = row.operation === "delete" ? runDelete : runRestore;
    const procedureDeps: ProcedureDeps = {
      ...deps,
      log: (message, fields) => log.info({ keyId: row.cckmKeyId, ...fields }, message),
    };
    try {
      if (await procedure(procedureDeps, jobId, { final: isFinalAttempt(job, true) })) {
        await recordEnd(deps.db, deps.metrics, jobId);
      }
    } catch (error) {
      const described = describeError(error);
      if (!isFinalAttempt(job, described.retryable)) {
        log.warn({ code: described.code, keyId: row.cckmKeyId }, `attempt failed, will retry: ${described.message}`);
        throw error;
      }
      if (await failJob(deps.db, jobId, deps.actor, { code: described.code, message: described.message })) {
        await recordEnd(deps.db, deps.metrics, jobId);
      }
      log.error({ code: described.code, keyId: row.cckmKeyId }, `job failed: ${described.message}`);
      throw new UnrecoverableError(described.message);
    }
  };
}
