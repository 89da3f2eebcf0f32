import { type Db, SYNC_ACTIVE_STATUS } from "@cckm/db";
import { type ConnectionRow, runSync, type SapClients } from "@cckm/inventory";
import { SYNC_ATTEMPTS, SYNC_JOBS_QUEUE, syncJobPayload } from "@cckm/queue";
import { defineKind, type JobRef } from "../engine/kind.ts";
import { rateLimitAware } from "../engine/rate-limit-aware.ts";
import { abortRequested } from "./sync/cancel-sync.ts";
import { failSync, finishSync } from "./sync/finish-sync.ts";
import { keyGuards } from "./sync/key-guards.ts";

/** What a synchronization needs from the worker process. */
export interface SapSyncServices {
  db: Db;
  clients: SapClients;
}

interface ClaimedSync {
  id: string;
  connectionId: string;
  synchronizeAll: boolean;
  groups: string[];
  abort: boolean;
  connection: ConnectionRow;
}

/** A sync job's queue job: the BullMQ job id is the row's id. */
export const syncRef = (id: string): JobRef => ({ id, queueJobId: id, name: "sync" });

/**
 * A synchronization of a SAP tenant's groups and keys into the inventory (`sync_jobs`, queue
 * `sap-sync-jobs`). Rows are `in_progress` from their creation (no claim transition); the run imports
 * (packages/inventory's runSync, handed the job side's key guards) and ends the row in one guarded
 * statement. A cancel is honoured before the run and between groups.
 */
export const sapSyncKind = defineKind<{ syncJobId: string }, ClaimedSync, SapSyncServices>({
  name: "sap-sync",
  logField: "syncJobId",
  queue: SYNC_JOBS_QUEUE,
  payload: syncJobPayload,
  idOf: (payload) => payload.syncJobId,
  payloadOf: (id) => ({ syncJobId: id }),
  attempts: () => SYNC_ATTEMPTS,
  concurrency: (n) => Math.max(1, Math.min(4, n)),
  table: {
    name: "sync_jobs",
    queueJobId: "id::text",
    jobName: "'sync'",
    active: `overall_status = '${SYNC_ACTIVE_STATUS}'`,
  },
  async claim(_db, id, _actor, services) {
    const row = await services.db.syncJob.findUnique({ where: { id }, include: { connection: true } });
    if (!row) return { outcome: "missing" };
    if (row.overallStatus !== SYNC_ACTIVE_STATUS) return { outcome: "finished" };
    return { outcome: "claimed", claimed: row };
  },
  async run(sync, { services, db, log, mayWait }) {
    if (sync.abort) return finishSync(db, sync.id, { status: "completed", details: { groups: [] }, error: null });
    const client = rateLimitAware(services.clients.for(sync.connection), mayWait);
    const outcome = await runSync(services.db, client, sync, {
      guards: keyGuards,
      stopRequested: () => abortRequested(db, sync.id),
    });
    log.info({ groups: outcome.details.groups.length }, "sync finished");
    return finishSync(db, sync.id, outcome);
  },
  fail: (db, id, _actor, failure) => failSync(db, id, `${failure.code}: ${failure.message}`),
});
