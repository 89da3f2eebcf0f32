import type { Pool } from "@cckm/db";
import { Coalescer, type Settled, settle } from "./coalescer.ts";
import { type Job, type SubmitInput, submitJob } from "./sql/index.ts";
import { submitJobs } from "./sql/submit-jobs.ts";

/** Records a job PENDING (submitJob's answer and errors), alone or in a group. */
export type Submit = (input: SubmitInput) => Promise<Job>;

export interface SubmitGroupOptions {
  /** How long a submit waits for others to join its statement (0: one event-loop turn; they also join while one is in flight). */
  windowMs?: number;
  /** The most submits in one statement. */
  max?: number;
  /** Told how many submits wait for their statement (the API's `cckm_submits_waiting`). */
  onWaiting?: (count: number) => void;
}

/**
 * One statement and one commit for the submits an API process receives together (submit_jobs), with
 * each submit's answer unchanged: every caller waits for its own commit, and a submit the grouped
 * statement did not record (the key's active job, a key gone or without a backup, a key not found,
 * or every submit when the statement failed, e.g. a deadlock) runs again alone (submitJob), which
 * records it or names why not. A lone submit goes straight to submitJob. An API killed inside the
 * window committed nothing of that group: its requests had no answer, and their retries submit anew.
 */
export function createSubmitGroup(pool: Pool, options: SubmitGroupOptions = {}): Submit {
  const alone = (input: SubmitInput) => settle(() => submitJob(pool, input));
  const coalescer = new Coalescer<SubmitInput, Job>(
    async (inputs) => {
      if (inputs.length === 1) return [await alone(inputs[0] as SubmitInput)];
      const grouped = await settle(() => submitJobs(pool, inputs));
      if (!grouped.ok) return Promise.all(inputs.map(alone));
      return Promise.all(
        inputs.map((input, i): Settled<Job> | Promise<Settled<Job>> => {
          const job = grouped.value[i];
          return job ? { ok: true, value: job } : alone(input);
        }),
      );
    },
    { windowMs: options.windowMs ?? 0, max: options.max ?? 64, onPending: options.onWaiting },
  );
  return (input) => coalescer.submit(input);
}
