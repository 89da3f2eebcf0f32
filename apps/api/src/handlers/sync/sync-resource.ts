import { KIND, resourceBase } from "../../http/resource.ts";

export const SYNC_INCLUDE = { connection: { select: { id: true, name: true } } } as const;

export interface SyncRow {
  id: string;
  synchronizeAll: boolean;
  groups: string[];
  overallStatus: string;
  details: unknown;
  error: string | null;
  creatorId: string;
  creatorName: string;
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  connection: { id: string; name: string };
}

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

/** A synchronization job as CipherTrust draws one (docs/cckm-compatibility.md §2.4), plus ours. */
export function syncResource(row: SyncRow) {
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
    creator_id: row.creatorId,
    creator_name: row.creatorName,
    completed_at: row.completedAt?.toISOString() ?? null,
  };
}
