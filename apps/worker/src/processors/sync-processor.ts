import type { Db } from "@cckm/db";
import { failSync, runSync, type SapClients } from "@cckm/inventory";
import { type SyncJobPayload, syncJobPayload } from "@cckm/queue";
import type { Job } from "bullmq";
import { type AttemptDeps, runAttempt } from "../attempt.ts";
import { canWait } from "../failure-policy.ts";
import { rateLimitAware } from "../rate-limit-aware.ts";

export interface SyncProcessorDeps extends AttemptDeps {
  db: Db;
  clients: SapClients;
}

/**
 * Runs one synchronization. What an error means (wait on an outage or a 429, retry, fail) is
 * runAttempt's one decision; a final failure marks the sync job failed in Postgres before the queue
 * is told not to retry.
 */
export function syncProcessor(deps: SyncProcessorDeps) {
  return async (job: Job<SyncJobPayload>, token?: string): Promise<void> => {
    const { syncJobId } = syncJobPayload.parse(job.data);
    await runAttempt(
      deps,
      job,
      token,
      { syncJobId },
      async ({ counters, log }) => {
        const row = await deps.db.syncJob.findUnique({ where: { id: syncJobId }, include: { connection: true } });
        if (row?.overallStatus !== "in_progress") return log.info("sync job already finished or gone; nothing to do");
        const client = rateLimitAware(deps.clients.for(row.connection), canWait(counters));
        const details = await runSync(deps.db, client, syncJobId);
        log.info({ groups: details?.groups.length ?? 0 }, "sync finished");
      },
      async (described) => {
        await failSync(deps.db, syncJobId, `${described.code}: ${described.message}`);
      },
    );
  };
}
