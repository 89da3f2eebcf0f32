import type { Logger } from "@cckm/log";
import type { Metrics } from "@cckm/metrics";
import { DelayedError, type Job, UnrecoverableError } from "bullmq";
import {
  type AttemptCounters,
  countersOf,
  decide,
  decideWait,
  describeError,
  type WaitDecision,
} from "./failure-policy.ts";
import type { HeldJobs } from "./held-jobs.ts";

/** What every processor's attempt shares: where it logs and counts, its waits' bound, the held set. */
export interface AttemptDeps {
  logger: Logger;
  metrics: Metrics;
  held: HeldJobs;
  /** Waits on infrastructure a job may make before they count as attempts (JOB_MAX_WAITS). */
  maxWaits: number;
}

export interface Attempt {
  job: Job;
  counters: AttemptCounters;
  /** The run's logger: queue job id, attempt, and the processor's own ids. */
  log: Logger;
}

/**
 * Runs one attempt of a queue job and settles its error in one way, for every queue:
 * - infrastructure away (Postgres unreachable, SAP's 429) with waits left: the job is moved to
 *   delayed with its lock token (`moveToDelayed`, which counts no attempt and releases the lock, so
 *   it is no stalled job either) and `DelayedError` tells BullMQ so; one log line and one count in
 *   `cckm_job_waits_total` per wait;
 * - an error a retry may fix, attempts left: thrown back, BullMQ counts it and backs off;
 * - otherwise `fail` records the final state, then the queue is told not to retry. When that write
 *   itself meets an outage the job waits (and comes back to fail again) while it may; past that, or
 *   on any other error of the write, the queue job fails and the reconciler, which fails every
 *   active job whose queue job failed, records it once Postgres answers.
 * A run whose job was handed back at shutdown ends nothing: its error is only thrown.
 */
export async function runAttempt(
  deps: AttemptDeps,
  job: Job,
  token: string | undefined,
  ids: Record<string, unknown>,
  body: (attempt: Attempt) => Promise<void>,
  fail: (described: ReturnType<typeof describeError>, attempt: Attempt) => Promise<void>,
): Promise<void> {
  const counters = countersOf(job, deps.maxWaits);
  const log = deps.logger.child({ ...ids, queueJobId: job.id, attempt: counters.attemptsMade + 1 });
  const attempt: Attempt = { job, counters, log };
  const release = token ? deps.held.hold(job, token) : () => {};
  try {
    await body(attempt);
  } catch (error) {
    if (deps.held.fenced) throw error;
    const decision = decide(error, counters);
    if (decision.action === "wait") return await wait(deps, attempt, token, decision, error);
    const { described } = decision;
    if (decision.action === "retry") {
      log.warn({ code: described.code }, `attempt failed, will retry: ${described.message}`);
      throw error;
    }
    try {
      await fail(described, attempt);
    } catch (writeError) {
      if (deps.held.fenced) throw writeError;
      const again = decideWait(writeError, counters);
      if (again) return await wait(deps, attempt, token, again, writeError);
      log.error(
        { code: described.code, writeCode: describeError(writeError).code },
        "job failed but its failure could not be recorded; the reconciler records it once Postgres answers",
      );
      throw new UnrecoverableError(`${described.code}: ${described.message}`);
    }
    log.error({ code: described.code }, `job failed: ${described.message}`);
    throw new UnrecoverableError(described.message);
  } finally {
    release();
  }
}

async function wait(
  deps: AttemptDeps,
  { job, counters, log }: Attempt,
  token: string | undefined,
  decision: WaitDecision,
  error: unknown,
): Promise<never> {
  if (!token) throw error; // not run by a Worker: nothing to move
  await job.moveToDelayed(Date.now() + decision.delayMs, token);
  deps.metrics.jobWaits.inc({ queue: job.queueName, reason: decision.reason });
  log.warn(
    {
      reason: decision.reason,
      code: describeError(error).code,
      delayMs: decision.delayMs,
      wait: counters.waits + 1,
      maxWaits: counters.maxWaits,
    },
    `waiting ${decision.delayMs} ms (${decision.reason}) without spending an attempt`,
  );
  throw new DelayedError();
}
