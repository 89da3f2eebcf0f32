import { findOciSyncJob, type OciSyncJobView } from "@cckm/inventory";
import { cancelOciSync, ociSyncKind, ociSyncRef } from "@cckm/jobs";
import { z } from "zod";
import { type CloudSyncJobs, syncJobBase, syncJobBaseShape } from "../../sync/cloud-sync-jobs.ts";

export const ociSyncResourceSchema = z.object({
  ...syncJobBaseShape,
  connection: z.string(),
  connection_id: z.string(),
  vaults: z.array(z.string()),
  compartments: z.array(z.string()).meta({ description: "ours" }),
});

export type OciSyncResource = z.output<typeof ociSyncResourceSchema>;

/** `detailed_status`: each vault the sync went through, by name, with the job's status. */
function detailedStatus(row: OciSyncJobView): Record<string, string> {
  const done = (row.details as { vaults?: { vault_name?: string }[] } | null)?.vaults ?? [];
  return Object.fromEntries(done.flatMap((v) => (v.vault_name ? [[v.vault_name, row.overallStatus as string]] : [])));
}

export function ociSyncResource(row: OciSyncJobView): OciSyncResource {
  return {
    ...syncJobBase(row, detailedStatus(row)),
    connection: row.connection.name,
    connection_id: row.connectionId,
    vaults: row.vaults,
    compartments: row.compartments,
  };
}

/** OCI's synchronization jobs, as the shared sync-job routes see them. */
export const OCI_SYNC_JOBS: CloudSyncJobs<OciSyncJobView> = {
  cloud: "oci",
  kind: ociSyncKind,
  ref: ociSyncRef,
  find: (deps, id) => findOciSyncJob(deps.db, id),
  cancel: (deps, id) => cancelOciSync(deps.pool, id),
  resource: ociSyncResource,
  audit: { cancel: "sync.cancel", resourceType: "oci_synchronization_job" },
};
