import { type Db, SYNC_ACTIVE_STATUS } from "@cckm/db";
import { type OciClients, runOciSync, type StoredOciConnection } from "@cckm/inventory";
import { OciKmsError } from "@cckm/oci-kms-client";
import { z } from "zod";
import { PermanentError, TransientError } from "../engine/errors.ts";
import { defineKind, type JobRef } from "../engine/kind.ts";
import { failOciSync, finishOciSync, ociAbortRequested } from "./oci/oci-sync-sql.ts";

export const OCI_SYNC_JOBS_QUEUE = "oci-sync-jobs";
export const ociSyncJobPayload = z.strictObject({ ociSyncJobId: z.uuid() });

/** What an OCI synchronization needs from the worker process. */
export interface OciSyncServices {
  db: Db;
  ociClients: OciClients;
}

interface ClaimedOciSync {
  id: string;
  connectionId: string;
  vaults: string[];
  compartments: string[];
  abort: boolean;
  connection: StoredOciConnection;
}

/** An OCI sync job's queue job: the BullMQ job id is the row's id. */
export const ociSyncRef = (id: string): JobRef => ({ id, queueJobId: id, name: "oci-sync" });

/**
 * A synchronization of an OCI connection's vaults (`oci_sync_jobs`, queue `oci-sync-jobs`): keys and
 * their versions upserted by OCID, vanished keys marked gone (packages/inventory `runOciSync`); the
 * row ends in one guarded statement. OCI's transient errors are retried, the others fail the job.
 */
export const ociSyncKind = defineKind<{ ociSyncJobId: string }, ClaimedOciSync, OciSyncServices>({
  name: "oci-sync",
  logField: "syncJobId",
  queue: OCI_SYNC_JOBS_QUEUE,
  payload: ociSyncJobPayload,
  idOf: (payload) => payload.ociSyncJobId,
  payloadOf: (id) => ({ ociSyncJobId: id }),
  attempts: () => 3,
  concurrency: (n) => Math.max(1, Math.min(4, n)),
  table: {
    name: "oci_sync_jobs",
    queueJobId: "id::text",
    jobName: "'oci-sync'",
    active: `overall_status = '${SYNC_ACTIVE_STATUS}'`,
  },
  async claim(_db, id, _actor, services) {
    const row = await services.db.ociSyncJob.findUnique({ where: { id }, include: { connection: true } });
    if (!row) return { outcome: "missing" };
    if (row.overallStatus !== SYNC_ACTIVE_STATUS) return { outcome: "finished" };
    return { outcome: "claimed", claimed: row };
  },
  async run(sync, { services, db, log }) {
    if (sync.abort) return finishOciSync(db, sync.id, { status: "completed", details: { vaults: [] } });
    try {
      const client = services.ociClients.for(sync.connection);
      const details = await runOciSync(
        services.db,
        client,
        { ...sync, tenancyOcid: sync.connection.tenancyOcid },
        { stopRequested: () => ociAbortRequested(db, sync.id) },
      );
      log.info({ vaults: details.vaults.length }, "oci sync finished");
      return finishOciSync(db, sync.id, { status: "completed", details });
    } catch (error) {
      if (error instanceof OciKmsError) {
        const Named = error.transient ? TransientError : PermanentError;
        throw new Named(error.code, error.message);
      }
      throw error;
    }
  },
  fail: (db, id, _actor, failure) => failOciSync(db, id, `${failure.code}: ${failure.message}`),
});
