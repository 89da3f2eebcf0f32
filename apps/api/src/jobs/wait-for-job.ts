import { isDatabaseUnavailable, isTerminal } from "@cckm/db";
import { findJob, type Job, sapKeyJobKind } from "@cckm/jobs";
import { createRedisTwin, type RedisClient } from "@cckm/queue";
import { type Queue, QueueEvents } from "bullmq";
import type { AppDeps } from "../context.ts";

/** How long a synchronous key route waits for its job before answering 202 with it (ApiConfig.keyJobWaitMs). */
export const KEY_JOB_WAIT_MS = 30_000;
/** The safety net under the events: Postgres is read again this often (events can be lost with Redis). */
const RECHECK_MS = 1000;

/**
 * One QueueEvents per queue while anyone waits on it (a blocking Redis connection of its own), made
 * on the first wait and closed when the last waiter leaves, so an idle API holds no extra connection.
 */
const shared = new WeakMap<Queue, { events: QueueEvents; connection: RedisClient; waiters: number }>();

function acquire(queue: Queue, onError: (error: Error) => void): QueueEvents {
  const entry = shared.get(queue);
  if (entry) {
    entry.waiters++;
    return entry.events;
  }
  // A blocking connection of its own, to where the producer goes (a server or a cluster).
  const connection = createRedisTwin(queue.opts.connection as RedisClient, "blocking", "cckm-api-job-events");
  connection.on("error", onError);
  const events = new QueueEvents(queue.name, { prefix: queue.opts.prefix, connection });
  events.on("error", onError);
  shared.set(queue, { events, connection, waiters: 1 });
  return events;
}

function release(queue: Queue): void {
  const entry = shared.get(queue);
  if (!entry) return;
  entry.waiters--;
  if (entry.waiters > 0) return;
  shared.delete(queue);
  void entry.events
    .close()
    .catch(() => {})
    .finally(() => entry.connection.disconnect());
}

export interface Waited {
  job: Job;
  /** False when the wait timed out with the job still active. */
  ended: boolean;
}

/**
 * Waits until the job is DONE or FAILED in Postgres (the record), at most `timeoutMs`. Woken by the
 * key-job queue's events for the job's queue id (completed, failed: the worker writes Postgres
 * before it tells BullMQ), with Postgres read again every second in case an event never comes
 * (Redis flushed or away, a job the reconciler failed).
 */
export async function waitForJob(deps: AppDeps, job: Job, timeoutMs: number): Promise<Waited> {
  const queue = deps.queues.of(sapKeyJobKind);
  const events = acquire(queue, (error) => deps.logger.warn({ code: codeOf(error) }, "job events unavailable"));
  let last = job;
  let checking: Promise<void> | null = null;
  try {
    return await new Promise<Waited>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: Waited | Error) => {
        if (settled) return;
        settled = true;
        clearInterval(tick);
        clearTimeout(timer);
        events.off("completed", onEvent);
        events.off("failed", onEvent);
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      // One read at a time; a wake-up during a read asks for one more after it.
      let again = false;
      const check = () => {
        if (checking) {
          again = true;
          return;
        }
        checking = findJob(deps.pool, job.id)
          .then((row) => {
            if (row) last = row;
            // No row: the key was destroyed meanwhile; the job's last known state is the answer.
            if (!row || isTerminal(row.state)) settle({ job: last, ended: isTerminal(last.state) });
          })
          .catch((error: unknown) => {
            // Postgres away for a moment: the job goes on, so the wait does too (the next tick reads
            // again; at the timeout the answer is 202 with the job as last read).
            if (isDatabaseUnavailable(error)) return;
            settle(error as Error);
          })
          .finally(() => {
            checking = null;
            if (again && !settled) {
              again = false;
              check();
            }
          });
      };
      const onEvent = ({ jobId }: { jobId: string }) => {
        if (jobId === job.queueJobId) check();
      };
      events.on("completed", onEvent);
      events.on("failed", onEvent);
      const tick = setInterval(check, RECHECK_MS);
      const timer = setTimeout(() => settle({ job: last, ended: isTerminal(last.state) }), timeoutMs);
      check();
    });
  } finally {
    release(queue);
  }
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}
