import type { HeldJobs } from "@cckm/jobs";
import type { Logger } from "@cckm/log";
import type { Worker } from "bullmq";

/**
 * When a shutdown hands back what it still holds: early enough before SHUTDOWN_TIMEOUT_MS for the
 * hand-back's Redis round trips (a quarter of the bound, at most 2 s).
 */
export function handBackAfterMs(shutdownTimeoutMs: number): number {
  return Math.max(0, shutdownTimeoutMs - Math.min(2000, Math.floor(shutdownTimeoutMs / 4)));
}

/** A shutdown whose jobs did not finish in time; they were handed back to the queue. */
export class DrainTimeoutError extends Error {
  readonly code = "SHUTDOWN_TIMEOUT";
  constructor(readonly handedBack: number) {
    super(`jobs still running at the shutdown bound; ${handedBack} handed back to the queue`);
    this.name = "DrainTimeoutError";
  }
}

/**
 * Closes the workers: they take no new job and the ones in flight finish. If they have not finished
 * after `withinMs`, every job this process still holds is handed back to the queue (no attempt
 * counted, so another worker takes it at once instead of ~lockDuration + stalledInterval later) and
 * DrainTimeoutError is thrown: the process must exit now, its procedures possibly still running
 * (the held set is fenced, so none of them records a final failure; their steps are safe to run twice).
 */
export async function drainOrHandBack(options: {
  workers: Worker[];
  held: HeldJobs;
  withinMs: number;
  logger: Logger;
}): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const closed = Promise.all(options.workers.map((w) => w.close())).then(() => true);
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), options.withinMs);
  });
  const drained = await Promise.race([closed, late]).finally(() => clearTimeout(timer));
  if (drained) return;
  options.logger.warn({ held: options.held.size }, "shutdown: jobs still running; handing them back to the queue");
  throw new DrainTimeoutError(await options.held.handBack(options.logger));
}
