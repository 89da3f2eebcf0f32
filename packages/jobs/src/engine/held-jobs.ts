import type { Logger } from "@cckm/log";
import type { Job } from "bullmq";

interface Held {
  job: Job;
  token: string;
}

/**
 * The queue jobs this process is running, with their lock tokens, so that a shutdown that runs out of
 * time can hand them back to the queue (another worker takes them at once) instead of leaving them
 * locked until BullMQ's stalled check. Once handed back the set is fenced: this process writes no
 * final state for any job any more (a procedure still running here may finish its step, and its
 * guarded DONE may win, but no failure this process's exit caused is ever recorded).
 */
export class HeldJobs {
  readonly #held = new Map<string, Held>();
  #fenced = false;

  /** Holds a job for the run; the returned function lets go of it. */
  hold(job: Job, token: string): () => void {
    const key = `${job.queueName}:${job.id}`;
    this.#held.set(key, { job, token });
    return () => {
      if (this.#held.get(key)?.token === token) this.#held.delete(key);
    };
  }

  /** True once the jobs were handed back: this process must not end any job any more. */
  get fenced(): boolean {
    return this.#fenced;
  }

  get size(): number {
    return this.#held.size;
  }

  /**
   * Moves every held job back to waiting with its lock token (BullMQ's `moveToWait`: no attempt
   * counted, the lock released). A job this process finished meanwhile is no longer active, and its
   * move fails harmlessly. Returns how many were handed back.
   */
  async handBack(logger: Logger): Promise<number> {
    this.#fenced = true;
    const held = [...this.#held.values()];
    const results = await Promise.allSettled(held.map(({ job, token }) => job.moveToWait(token)));
    let handed = 0;
    for (const [i, result] of results.entries()) {
      const { job } = held[i] as Held;
      const fields = { queue: job.queueName, queueJobId: job.id, attempt: job.attemptsMade + 1 };
      if (result.status === "fulfilled") {
        handed++;
        logger.warn(fields, "shutdown: handed the job back to the queue (no attempt counted)");
      } else {
        logger.warn(
          { ...fields, err: result.reason },
          "shutdown: could not hand the job back; it stalls to another worker",
        );
      }
    }
    return handed;
  }
}
