import type { Db } from "@cckm/db";
import { failSync, runSync, type SapClients } from "@cckm/inventory";
import type { Logger } from "@cckm/log";
import { type SyncJobPayload, syncJobPayload } from "@cckm/queue";
import { type Job, UnrecoverableError } from "bullmq";
import { describeError, isFinalAttempt } from "../failure-policy.ts";

export interface SyncProcessorDeps {
  db: Db;
  clients: SapClients;
  logger: Logger;
}

/**
 * Runs one synchronization. A transient SAP error is thrown back for BullMQ to retry with backoff;
 * on the last attempt, or for an error no retry can fix, the sync job is marked failed in Postgres
 * first and the queue told not to retry.
 */
export function syncProcessor(deps: SyncProcessorDeps) {
  return async (job: Job<SyncJobPayload>): Promise<void> => {
    const { syncJobId } = syncJobPayload.parse(job.data);
    const log = deps.logger.child({ syncJobId, attempt: job.attemptsMade + 1 });
    const row = await deps.db.syncJob.findUnique({ where: { id: syncJobId }, include: { connection: true } });
    if (row?.overallStatus !== "in_progress") {
      log.info("sync job already finished or gone; nothing to do");
      return;
    }
    try {
      const details = await runSync(deps.db, deps.clients.for(row.connection), syncJobId);
      log.info({ groups: details?.groups.length ?? 0 }, "sync finished");
    } catch (error) {
      const described = describeError(error);
      if (!isFinalAttempt(job, described.retryable)) {
        log.warn({ code: described.code }, `sync attempt failed, will retry: ${described.message}`);
        throw error;
      }
      await failSync(deps.db, syncJobId, `${described.code}: ${described.message}`);
      log.error({ code: described.code }, `sync failed: ${described.message}`);
      throw new UnrecoverableError(described.message);
    }
  };
}
