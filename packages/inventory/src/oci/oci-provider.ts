import { SYNC_ACTIVE_STATUS } from "@cckm/db";
import { OciKmsError } from "@cckm/oci-kms-client";
import type { CloudProvider } from "../provider/cloud-provider.ts";
import type { OciClients } from "./clients.ts";
import { ociConnectionSecretAad, type StoredOciConnection } from "./connections.ts";
import { OCI_KEY_TABLE } from "./keys.ts";
import { type OciSyncDetails, runOciSync } from "./sync.ts";

/** What an OCI synchronization runs on: its vaults (or all), compartments and connection. */
export interface OciSyncRun {
  id: string;
  abort: boolean;
  connectionId: string;
  vaults: string[];
  compartments: string[];
  connection: StoredOciConnection;
}

/**
 * OCI Vault: connections of an API signing key (private key and passphrase sealed), vaults as
 * containers, keys and versions by OCID. Errors are recorded by OCI's code (`NOT_AUTHENTICATED`…).
 */
export const ociProvider = {
  cloud: "oci",
  connections: { secretAad: ociConnectionSecretAad },
  containers: { noun: "vault", uriKind: "cckm:oci-vault" },
  keys: { table: OCI_KEY_TABLE, uriKind: "cckm:oci-key" },
  sync: {
    kind: "oci-sync",
    jobName: "oci-sync",
    operation: "oci-sync",
    table: { table: "oci_sync_jobs" },
    nothing: { vaults: [] },
    async claim(db, id) {
      const row = await db.ociSyncJob.findUnique({ where: { id }, include: { connection: true } });
      if (!row) return { outcome: "missing" };
      if (row.overallStatus !== SYNC_ACTIVE_STATUS) return { outcome: "finished" };
      return { outcome: "claimed", claimed: row };
    },
    async run(db, clients, sync, hooks) {
      const target = { ...sync, tenancyOcid: sync.connection.tenancyOcid };
      const details = await runOciSync(db, clients.for(sync.connection), target, {
        stopRequested: hooks.stopRequested,
      });
      return { status: "completed", details, error: null };
    },
    engineError: (error) =>
      error instanceof OciKmsError
        ? { code: error.code, message: error.message, transient: error.transient }
        : undefined,
  },
} satisfies CloudProvider<OciClients, OciSyncRun, OciSyncDetails>;
