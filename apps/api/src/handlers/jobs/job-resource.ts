import { KIND, resourceBase } from "../../http/resource.ts";

export interface JobRow {
  id: string;
  cckmKeyId: string;
  groupId: string;
  queueJobId: string;
  sapKeyId: string;
  operation: string;
  creatorId: string;
  creatorName: string;
  state: string;
  deleteIfBackupFails: boolean;
  backupStatus: string;
  error: string | null;
  errorCode: string | null;
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The job resource of the seed, field for field, plus our fields once they apply. */
export function jobResource(row: JobRow) {
  return {
    ...resourceBase(KIND.keyJob, row),
    cckm_key_id: row.cckmKeyId,
    group_id: row.groupId,
    job_id: row.queueJobId,
    key_id: row.sapKeyId,
    operation: row.operation,
    creator_id: row.creatorId,
    creator_name: row.creatorName,
    state: row.state,
    delete_if_backup_fails: row.deleteIfBackupFails,
    backup_status: row.backupStatus,
    ...(row.completedAt ? { completed_at: row.completedAt.toISOString() } : {}),
    ...(row.error !== null ? { error: row.error } : {}),
    ...(row.errorCode !== null ? { error_code: row.errorCode } : {}),
  };
}
