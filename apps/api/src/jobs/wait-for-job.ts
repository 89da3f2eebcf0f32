import { isDatabaseUnavailable, isTerminal } from "@cckm/db";
import { findJob, type Job } from "@cckm/jobs";
import type { AppDeps } from "../context.ts";

/** How long a synchronous key route waits for its job before answering 202 with it (ApiConfig.keyJobWaitMs). */
export const KEY_JOB_WAIT_MS = 30_000;
/** The safety net under the events: Postgres is read again this often (a notification can be missed). */
const RECHECK_MS = 1000;

export interface Waited {
  job: Job;
  /** False when the wait timed out with the job still active. */
  ended: boolean;
}

/**
 * Waits until the job is DONE or FAILED in Postgres (the record), at most `timeoutMs`. Woken by the
 * job's events from the process's one LISTEN connection (the event hub that also serves the SSE
 * routes: a notification comes once the state change is committed), with Postgres read again every
 * second in case one never comes (LISTEN down or not yet up, a job the reconciler failed).
 */
export async function waitForJob(deps: AppDeps, job: Job, timeoutMs: number): Promise<Waited> {
  let last = job;
  let checking: Promise<void> | null = null;
  return new Promise<Waited>((resolve, reject) => {
    let settled = false;
    let unsubscribe = () => {};
    const settle = (outcome: Waited | Error) => {
      if (settled) return;
      settled = true;
      clearInterval(tick);
      clearTimeout(timer);
      unsubscribe();
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
    const tick = setInterval(check, RECHECK_MS);
    const timer = setTimeout(() => settle({ job: last, ended: isTerminal(last.state) }), timeoutMs);
    // Not awaited: while LISTEN connects (or cannot), the wait goes on by reading Postgres.
    deps.jobEvents
      .subscribe({
        filter: { jobId: job.id },
        deliver: (event) => {
          if (isTerminal(event.to_state)) check();
        },
        resync: check,
        end() {},
      })
      .then(
        (stop) => {
          if (settled) stop();
          else {
            unsubscribe = stop;
            check(); // anything that ended while LISTEN was being set up
          }
        },
        (error: unknown) => deps.logger.warn({ code: codeOf(error) }, "job events unavailable; polling"),
      );
    check();
  });
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}
