import type { Pool, Queryable } from "@cckm/db";
import type { Metrics } from "@cckm/metrics";
import type { Job } from "bullmq";
import { type AttemptDeps, runAttempt } from "./attempt.ts";
import { canWait, isFinalAttempt } from "./failure-policy.ts";
import type { AnyJobKind, Ended } from "./kind.ts";

/** What the one processor needs besides the kind: the process's pool, its services, who acts. */
export interface ProcessorDeps<S> extends AttemptDeps {
  pool: Pool;
  services: S;
  /** Who acts, for the event logs, e.g. `worker:<host>:<pid>`. */
  actor: string;
}

/** Counts a job this attempt ended (DONE or FAILED), with its time since submission. */
export function recordEnd(metrics: Metrics, kind: AnyJobKind, ended: Ended | null | undefined): void {
  if (!ended) return;
  const labels = { operation: ended.operation ?? kind.name, outcome: ended.state };
  metrics.jobsFinished.inc(labels);
  metrics.jobDuration.observe(labels, (ended.completedAt.getTime() - ended.createdAt.getTime()) / 1000);
}

/**
 * The one processor of every kind: parse the id-only payload, then one attempt (runAttempt) of
 * claim → run inside the kind's scope. A missing or finished row drops the queue job. What an error
 * means (wait, retry, fail) is runAttempt's one decision; a final failure goes through the kind's
 * guarded `fail` in Postgres before BullMQ is told not to retry.
 */
export function processorFor<S>(kind: AnyJobKind, deps: ProcessorDeps<S>) {
  return async (job: Job, token?: string): Promise<void> => {
    const id = kind.idOf(kind.payload.parse(job.data));
    await runAttempt(
      deps,
      job,
      token,
      { [kind.logField]: id },
      async ({ counters, log }) => {
        const attempt = async (db: Queryable) => {
          const claim = await kind.claim(db, id, deps.actor, deps.services);
          if (claim.outcome === "missing") return log.warn("no such job in Postgres; dropping the queue job");
          if (claim.outcome === "finished") return log.info("job already finished; nothing to do");
          const context = {
            services: deps.services,
            db,
            actor: deps.actor,
            log,
            counters,
            final: isFinalAttempt(counters),
            mayWait: canWait(counters),
          };
          recordEnd(deps.metrics, kind, await kind.run(claim.claimed, context));
        };
        await (kind.scope ? kind.scope(deps.pool, id, attempt) : attempt(deps.pool));
      },
      async (described) => {
        recordEnd(deps.metrics, kind, await kind.fail(deps.pool, id, deps.actor, described, deps.services));
      },
    );
  };
}
