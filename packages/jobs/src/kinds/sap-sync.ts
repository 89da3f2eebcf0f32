import type { Db } from "@cckm/db";
import { type SapClients, sapProvider } from "@cckm/inventory";
import { SYNC_ATTEMPTS, SYNC_JOBS_QUEUE, syncJobPayload } from "@cckm/queue";
import { defineSyncKind } from "./cloud-sync/sync-kind.ts";

/** What a synchronization needs from the worker process. */
export interface SapSyncServices {
  db: Db;
  clients: SapClients;
}

/**
 * A synchronization of a SAP tenant's groups and keys into the inventory (`sync_jobs`, queue
 * `sap-sync-jobs`): the one sync mechanism (cloud-sync/sync-kind.ts) over the SAP provider
 * (packages/inventory `sapProvider`: runSync, handed the job side's key guards). A cancel is honoured
 * before the run and between groups.
 */
const sapSync = defineSyncKind(sapProvider, {
  queue: SYNC_JOBS_QUEUE,
  payload: syncJobPayload,
  idOf: (payload) => payload.syncJobId,
  payloadOf: (id) => ({ syncJobId: id }),
  attempts: () => SYNC_ATTEMPTS,
  clientsOf: (services: SapSyncServices) => services.clients,
});

export const sapSyncKind = sapSync.kind;
/** A sync job's queue job: the BullMQ job id is the row's id. */
export const syncRef = sapSync.ref;
/** Asks a running SAP sync to stop: it stops between groups and ends `completed`; an ended one is left alone. */
export const cancelSync = sapSync.statements.cancel;
