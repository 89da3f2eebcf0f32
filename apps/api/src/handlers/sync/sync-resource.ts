import type { SyncJobView } from "@cckm/inventory";
import { z } from "zod";
import { KIND, resourceBase, resourceBaseShape } from "../../http/resource.ts";

/** A synchronization job as shown: the inventory's one row type of it. */
export type SyncRow = SyncJobView;

/** Constants CipherTrust puts in every synchronization job (D-SYNC-POST-staging). */
const APPLICATION = "ncryptify:gemalto:admin:apps:kylo";
const DEV_ACCOUNT = "ncryptify:gemalto:admin:accounts:gemalto";

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

/** The answer's schema of a synchronization job (OpenAPI); `syncResource` is typed by it. */
export const syncResourceSchema = z.object({
  ...resourceBaseShape,
  application: z.string(),
  devAccount: z.string(),
  connection: z.string(),
  connection_id: z.string(),
  synchronize_all: z.boolean(),
  groups: z.array(z.string()),
  overall_status: z.string().meta({ examples: ["in_progress", "completed", "failed"] }),
  detailed_status: z.record(z.string(), z.string()),
  details: z.unknown(),
  error: z.string().nullable(),
  abort: z.boolean().meta({ description: "a cancel was asked for; the job stops before its next group" }),
  creator_id: z.string(),
  creator_name: z.string(),
  completed_at: z.iso.datetime().nullable(),
});

export type SyncResource = z.output<typeof syncResourceSchema>;

/** A synchronization job as CipherTrust draws one (docs/cckm-compatibility.md §2.4), plus ours. */
export function syncResource(row: SyncRow): SyncResource {
  return {
    ...resourceBase(KIND.sync, row),
    application: APPLICATION,
    devAccount: DEV_ACCOUNT,
    connection: row.connection.name,
    connection_id: row.connection.id,
    synchronize_all: row.synchronizeAll,
    groups: row.groups,
    overall_status: row.overallStatus,
    detailed_status: detailedStatus(row),
    details: row.details,
    error: row.error,
    abort: row.abort,
    creator_id: row.creatorId,
    creator_name: row.creatorName,
    completed_at: row.completedAt?.toISOString() ?? null,
  };
}
