import type { BackupStatus, JobOperation, JobState, TerminalState } from "@cckm/db";

/** A job as the API and the worker see it: the columns of `sap_key_jobs`, camel-cased. */
export interface Job {
  id: string;
  cckmKeyId: string;
  groupId: string;
  queueJobId: string;
  sapKeyId: string;
  operation: JobOperation;
  creatorId: string;
  creatorName: string;
  state: JobState;
  deleteIfBackupFails: boolean;
  backupStatus: BackupStatus;
  error: string | null;
  errorCode: string | null;
  attempts: number;
  restoredSapKeyId: string | null;
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * The columns of `sap_key_jobs`, named one by one: a prepared statement that returned `*` would fail
 * ("cached plan must not change result type") in every running process once a migration adds a column.
 * `prefix` is the table's alias in the statement.
 */
export function jobColumns(prefix: string): string {
  return [
    "id",
    "cckm_key_id",
    "group_id",
    "job_id",
    "key_id",
    "operation",
    "creator_id",
    "creator_name",
    "state",
    "delete_if_backup_fails",
    "backup_status",
    "error",
    "error_code",
    "attempts",
    "restored_sap_key_id",
    "completed_at",
    "created_at",
    "updated_at",
  ]
    .map((c) => `${prefix}.${c}`)
    .join(", ");
}

/** A row of `sap_key_jobs` as node-postgres returns it (the columns of jobColumns). */
export interface JobRow {
  id: string;
  cckm_key_id: string;
  group_id: string;
  job_id: string;
  key_id: string;
  operation: JobOperation;
  creator_id: string;
  creator_name: string;
  state: JobState;
  delete_if_backup_fails: boolean;
  backup_status: BackupStatus;
  error: string | null;
  error_code: string | null;
  attempts: number;
  restored_sap_key_id: string | null;
  completed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export function jobFromRow(row: JobRow): Job {
  return {
    id: row.id,
    cckmKeyId: row.cckm_key_id,
    groupId: row.group_id,
    queueJobId: row.job_id,
    sapKeyId: row.key_id,
    operation: row.operation,
    creatorId: row.creator_id,
    creatorName: row.creator_name,
    state: row.state,
    deleteIfBackupFails: row.delete_if_backup_fails,
    backupStatus: row.backup_status,
    error: row.error,
    errorCode: row.error_code,
    attempts: row.attempts,
    restoredSapKeyId: row.restored_sap_key_id,
    completedAt: row.completed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** What a transition that ended a job (DONE or FAILED) reports, for metrics. */
export interface EndedJob {
  id: string;
  operation: JobOperation;
  state: TerminalState;
  createdAt: Date;
  completedAt: Date;
}

export interface EndedRow {
  id: string;
  operation: JobOperation;
  state: TerminalState;
  created_at: Date;
  completed_at: Date;
}

export const endedFromRow = (row: EndedRow): EndedJob => ({
  id: row.id,
  operation: row.operation,
  state: row.state,
  createdAt: row.created_at,
  completedAt: row.completed_at,
});
