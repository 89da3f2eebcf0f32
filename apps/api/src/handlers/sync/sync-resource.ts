import { findSyncJob, type SyncJobView } from "@cckm/inventory";
import { cancelSync, sapSyncKind, syncRef } from "@cckm/jobs";
import { z } from "zod";
import { type CloudSyncJobs, syncJobBase, syncJobBaseShape } from "./cloud-sync-jobs.ts";

/** A synchronization job as shown: the inventory's one row type of it. */
export type SyncRow = SyncJobView;

type GroupOutcome = { name?: string; group_id?: string; status?: string };

/**
 * `detailed_status`: each group's status by name (CipherTrust's GCP sibling maps each container to
 * its status). While the sync runs, the groups it was asked for are `in_progress`.
 */
function detailedStatus(row: SyncRow): Record<string, string> {
  const done = (row.details as { groups?: GroupOutcome[] } | null)?.groups ?? [];
  const status: Record<string, string> = {};
  if (row.overallStatus === "in_progress") for (const g of row.groups) status[g] = "in_progress";
  for (const g of done) {
    const name = g.name || g.group_id;
    if (name) status[name] = g.status ?? row.overallStatus;
  }
  return status;
}

/** The answer's schema of a SAP synchronization job (OpenAPI); `syncResource` is typed by it. */
export const syncResourceSchema = z.object({
  ...syncJobBaseShape,
  connection: z.string(),
  connection_id: z.string(),
  groups: z.array(z.string()),
});

export type SyncResource = z.output<typeof syncResourceSchema>;

/** A synchronization job as CipherTrust draws one (docs/cckm-compatibility.md §2.4), plus ours. */
export function syncResource(row: SyncRow): SyncResource {
  return {
    ...syncJobBase(row, detailedStatus(row)),
    connection: row.connection.name,
    connection_id: row.connection.id,
    groups: row.groups,
  };
}

/** SAP's synchronization jobs, as the shared sync-job routes see them. */
export const SAP_SYNC_JOBS: CloudSyncJobs<SyncRow> = {
  cloud: "sap",
  kind: sapSyncKind,
  ref: syncRef,
  find: (deps, id) => findSyncJob(deps.db, id),
  cancel: (deps, id) => cancelSync(deps.pool, id),
  resource: syncResource,
  audit: { cancel: "sync.cancel", resourceType: "sap_synchronization_job" },
};
