import type { Pool } from "@cckm/db";
import type { Logger } from "@cckm/log";
import type { Metrics } from "@cckm/metrics";
import type { Worker } from "bullmq";
import type { AnyJobKind } from "./kind.ts";
import { recordEnd } from "./processor.ts";

/**
 * A safety net for failures that never reach the processor's own handling, e.g. a job that stalled
 * (its worker died) more often than allowed: when BullMQ has given up on a job for good, the kind's
 * guarded `fail` ends its row too. Harmless when the processor already wrote it (the statement is
 * guarded). A write that cannot be made is logged; the reconciler fails the row on a later pass.
 */
export function watchFinalFailures(options: {
  pool: Pool;
  worker: Worker;
  kind: AnyJobKind;
  services?: unknown;
  actor: string;
  logger: Logger;
  metrics?: Metrics;
}): void {
  const { kind } = options;
  options.worker.on("failed", (job, error) => {
    if (!job) return;
    void (async () => {
      if ((await job.getState()) !== "failed") return; // a retry is scheduled
      const parsed = kind.payload.safeParse(job.data);
      if (!parsed.success) return;
      const failure = { code: "QUEUE_FAILED", message: error.message };
      const ended = await kind.fail(options.pool, kind.idOf(parsed.data), options.actor, failure, options.services);
      if (options.metrics) recordEnd(options.metrics, kind, ended);
    })().catch((e: unknown) =>
      options.logger.error({ err: e, queueJobId: job.id }, "could not record a final failure; the reconciler will"),
    );
  });
}
