import type { Pool } from "@cckm/db";
import { failJob } from "@cckm/jobs";
import type { Logger } from "@cckm/log";
import { keyJobPayload } from "@cckm/queue";
import type { Worker } from "bullmq";

/**
 * A safety net for failures that never reach the processor's own handling, e.g. a job that stalled
 * (its worker died) more often than allowed: when BullMQ has given up on a job for good, the job
 * is FAILED in Postgres too. Harmless when the processor already wrote it (failJob is guarded).
 */
export function watchFinalFailures(options: { pool: Pool; worker: Worker; actor: string; logger: Logger }): void {
  options.worker.on("failed", (job, error) => {
    if (!job) return;
    void (async () => {
      if ((await job.getState()) !== "failed") return; // a retry is scheduled
      const parsed = keyJobPayload.safeParse(job.data);
      if (!parsed.success) return;
      await failJob(options.pool, parsed.data.jobId, options.actor, { code: "QUEUE_FAILED", message: error.message });
    })().catch((e: unknown) =>
      options.logger.error({ err: e, queueJobId: job.id }, "could not record a final failure"),
    );
  });
}
