import type { JobsOptions, Queue } from "bullmq";

interface PendingAdd {
  name: string;
  data: unknown;
  opts: JobsOptions;
  settle: (error?: unknown) => void;
}

/** The most adds one round trip carries. */
export const ADD_BATCH_MAX = 100;

/**
 * Adds to one queue, coalesced: an add waits for the next turn of the event loop, or for the round
 * trip in flight, and goes to Redis with every add that arrived meanwhile in one `addBulk` (one MULTI,
 * so one round trip and one write for the lot). With no other add about, an add waits one event-loop
 * turn. Each caller learns its own outcome; a failed round trip fails every add in it, and the rows
 * they were for are already committed, so the reconciler adds them (as for any failed add).
 */
export class AddBatcher {
  private pending: PendingAdd[] = [];
  private scheduled = false;

  constructor(private readonly queue: Queue) {}

  add(name: string, data: unknown, opts: JobsOptions): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ name, data, opts, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, ADD_BATCH_MAX);
      try {
        await this.queue.addBulk(batch.map(({ name, data, opts }) => ({ name, data, opts })));
        for (const add of batch) add.settle();
      } catch (error) {
        for (const add of batch) add.settle(error ?? new Error("queue add failed"));
      }
    }
    this.scheduled = false;
  }
}

const batchers = new WeakMap<Queue, AddBatcher>();

/** The add batcher of a queue (one per queue object in this process). */
export function batcherOf(queue: Queue): AddBatcher {
  let batcher = batchers.get(queue);
  if (!batcher) {
    batcher = new AddBatcher(queue);
    batchers.set(queue, batcher);
  }
  return batcher;
}
