import type { Db } from "@cckm/db";
import { type OciClients, ociProvider } from "@cckm/inventory";
import { z } from "zod";
import { defineSyncKind } from "./cloud-sync/sync-kind.ts";

export const OCI_SYNC_JOBS_QUEUE = "oci-sync-jobs";
export const ociSyncJobPayload = z.strictObject({ ociSyncJobId: z.uuid() });

/** What an OCI synchronization needs from the worker process. */
export interface OciSyncServices {
  db: Db;
  ociClients: OciClients;
}

/**
 * A synchronization of an OCI connection's vaults (`oci_sync_jobs`, queue `oci-sync-jobs`): the one
 * sync mechanism over the OCI provider (runOciSync: keys and versions upserted by OCID, vanished ones
 * marked gone). OCI's transient errors are retried, the others fail the job with OCI's code.
 */
const ociSync = defineSyncKind(ociProvider, {
  queue: OCI_SYNC_JOBS_QUEUE,
  payload: ociSyncJobPayload,
  idOf: (payload) => payload.ociSyncJobId,
  payloadOf: (id) => ({ ociSyncJobId: id }),
  attempts: () => 3,
  clientsOf: (services: OciSyncServices) => services.ociClients,
});

export const ociSyncKind = ociSync.kind;
/** An OCI sync job's queue job: the BullMQ job id is the row's id. */
export const ociSyncRef = ociSync.ref;
/** Asks a running OCI sync to stop before its next vault; an ended one is left alone. */
export const cancelOciSync = ociSync.statements.cancel;
