import { resourceBase } from "../../http/resource.ts";

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

export function syncResource(row: SyncRow) {
  return {
    ...resourceBase("cckm:sap_synchronization_job", row),
    connection: row.connection.name,
    connection_id: row.connection.id,
    synchronize_all: row.synchronizeAll,
    groups: row.groups,
    overall_status: row.overallStatus,
    details: row.details,
    error: row.error,
    creator_id: row.creatorId,
    creator_name: row.creatorName,
    completed_at: row.completedAt?.toISOString() ?? null,
  };
}
