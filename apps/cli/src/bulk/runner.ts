// Submitting a bulk run's jobs: at most `concurrency` in flight and `rate` a second, each key once.
import { type ApiClient, sleep } from "../api-client.ts";
import { CliError } from "../errors.ts";
import { findJobOfKey, type JobTracker, submitJob } from "../jobs.ts";
import type { JobResource } from "../resources.ts";
import type { ResultEntry } from "./results-file.ts";

export interface RunnerOptions {
  operation: "delete" | "restore";
  deleteIfBackupFails: boolean;
  concurrency: number;
  rate: number;
  /** The run's start: on resume, a key's job created since is this run's own (its answer was lost). */
  startedAt: string;
  resuming: boolean;
  signal: AbortSignal;
  changed: () => void;
}

const ATTEMPTS = 8;

/** Starts at most `rate` a second: each start takes the next slot. */
function rateLimiter(rate: number, signal: AbortSignal) {
  const gap = 1000 / rate;
  let next = Date.now();
  return async () => {
    const now = Date.now();
    const at = Math.max(now, next);
    next = at + gap;
    if (at > now) await sleep(at - now, signal);
  };
}

function adopt(entry: ResultEntry, tracker: JobTracker, job: JobResource, how: ResultEntry["outcome"]) {
  entry.job_id = job.id;
  entry.state = job.state;
  entry.outcome = how;
  tracker.track(job);
}

async function settle(
  client: ApiClient,
  entry: ResultEntry,
  tracker: JobTracker,
  o: RunnerOptions,
  slot: () => Promise<void>,
) {
  if (o.resuming) {
    const earlier = await findJobOfKey(client, entry.key_id, o.startedAt);
    if (earlier?.operation === o.operation) return adopt(entry, tracker, earlier, "adopted");
  }
  for (let attempt = 0; attempt < ATTEMPTS && !o.signal.aborted; attempt++) {
    await slot();
    if (o.signal.aborted) return;
    let waitMs = 500 * 2 ** attempt;
    try {
      const result = await submitJob(client, {
        id: entry.key_id,
        operation: o.operation,
        ...(o.operation === "delete" ? { delete_if_backup_fails: o.deleteIfBackupFails } : {}),
      });
      if (result.outcome === "refused") {
        entry.outcome = "refused";
        entry.error = result.message;
        return;
      }
      if (result.outcome !== "retry") return adopt(entry, tracker, result.job, result.outcome);
      waitMs = Math.max(result.waitMs, waitMs);
      if (result.status === 429) {
        await sleep(waitMs, o.signal);
        continue;
      }
    } catch (error) {
      if (!(error instanceof CliError) || error.code !== "NETWORK") throw error;
    }
    // A 5xx or a lost answer: the job may have been recorded. Look before submitting again.
    const found = await findJobOfKey(client, entry.key_id, o.startedAt).catch(() => null);
    if (found?.operation === o.operation) return adopt(entry, tracker, found, "adopted");
    await sleep(waitMs, o.signal);
  }
  if (!o.signal.aborted) {
    entry.outcome = "error";
    entry.error = `not submitted after ${ATTEMPTS} attempts`;
  }
}

/** Submits every entry without a job; stops starting new ones once the signal aborts. */
export async function submitAll(client: ApiClient, entries: ResultEntry[], tracker: JobTracker, o: RunnerOptions) {
  const todo = entries.filter((e) => !e.job_id && e.outcome !== "refused");
  const slot = rateLimiter(o.rate, o.signal);
  const worker = async () => {
    for (let entry = todo.shift(); entry && !o.signal.aborted; entry = todo.shift()) {
      await settle(client, entry, tracker, o, slot);
      o.changed();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency) }, worker));
}
