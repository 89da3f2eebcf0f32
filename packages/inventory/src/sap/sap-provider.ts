import { connectionSecretAad } from "@cckm/crypto";
import { SYNC_ACTIVE_STATUS } from "@cckm/db";
import type { CloudProvider } from "../provider/cloud-provider.ts";
import type { ConnectionRow, SapClients } from "./sap-client.ts";
import { runSync } from "./sync.ts";
import type { SyncDetails } from "./sync-state.ts";

/** What a SAP synchronization runs on: its row (groups or all) and its connection. */
export interface SapSyncRun {
  id: string;
  abort: boolean;
  connectionId: string;
  synchronizeAll: boolean;
  groups: string[];
  connection: ConnectionRow;
}

/**
 * SAP Data Custodian, the first provider: connections of a technical user (its secret sealed), groups
 * as containers, keys by SAP id. Its gone marking goes through the job side's guards (a key a job
 * works on is the job's), and its client's errors carry the engine's protocol themselves.
 */
export const sapProvider = {
  cloud: "sap",
  connections: { secretAad: connectionSecretAad },
  containers: { noun: "group", uriKind: "cckm:sap-group" },
  keys: { table: { table: "sap_keys", upstreamId: "sap_key_id", stamp: "last_synced_at" }, uriKind: "cckm:sap-key" },
  keyJobs: { uriKind: "cckm:sap_job" },
  sync: {
    kind: "sap-sync",
    jobName: "sync",
    operation: "sync",
    table: { table: "sync_jobs" },
    nothing: { groups: [] },
    async claim(db, id) {
      const row = await db.syncJob.findUnique({ where: { id }, include: { connection: true } });
      if (!row) return { outcome: "missing" };
      if (row.overallStatus !== SYNC_ACTIVE_STATUS) return { outcome: "finished" };
      return { outcome: "claimed", claimed: row };
    },
    run: (db, clients, sync, hooks) =>
      runSync(db, hooks.waitAware(clients.for(sync.connection)), sync, {
        guards: hooks.guards,
        stopRequested: hooks.stopRequested,
      }),
    engineError: () => undefined,
  },
} satisfies CloudProvider<SapClients, SapSyncRun, SyncDetails>;
