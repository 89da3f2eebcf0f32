// The job vocabulary, spelled once in @cckm/db beside the schema, for callers of the jobs package.
export { ACTIVE_STATES, isActive, isTerminal, JOB_STATES, JobState, TERMINAL_STATES } from "@cckm/db";
export { type BackupDeps, backUpKey, type ExportKeyProvider, readBackup } from "./backup.ts";
export { Coalescer, type CoalescerOptions, type Settled, settle } from "./coalescer.ts";
export { type AttemptInfo, type ClaimedJob, type ProcedureDeps, runDelete } from "./delete-procedure.ts";
export * from "./engine/index.ts";
export { JobError, type JobErrorCode } from "./errors.ts";
export * from "./events/index.ts";
export { rotatingExportKey } from "./export-key.ts";
export { type Commits, createGroupCommit, DIRECT_COMMITS, type GroupCommitOptions } from "./group-commit.ts";
export { hasActiveJob } from "./keys/active-job.ts";
export { type DestroyKeyOutcome, destroyKey } from "./keys/destroy-key.ts";
export { type DropBackupOutcome, dropBackup } from "./keys/drop-backup.ts";
export {
  AWS_SYNC_JOBS_QUEUE,
  type AwsSyncServices,
  awsSyncJobPayload,
  awsSyncKind,
  awsSyncRef,
  type CancelSyncOutcome,
  cancelAwsSync,
  cancelOciSync,
  cancelSync,
  defineSyncKind,
  JOB_KINDS,
  keyJobRef,
  kindOfQueue,
  OCI_SYNC_JOBS_QUEUE,
  type OciSyncServices,
  ONE_RUNNING_PER_KMS,
  ociSyncKind,
  ociSyncRef,
  type SapKeyJobServices,
  type SapSyncServices,
  type SubmitAwsSyncInput,
  type SubmitSyncInput,
  type SyncJobStatements,
  type SyncKind,
  sapKeyJobKind,
  sapSyncKind,
  submitAwsSync,
  submitOciSync,
  submitSync,
  syncJobStatements,
  syncRef,
} from "./kinds/index.ts";
export { runRestore } from "./restore-procedure.ts";
export {
  type Claim,
  claimJob,
  completeDelete,
  completeRestore,
  type EndedJob,
  type Failure,
  failJob,
  findJob,
  type Job,
  jobFromRow,
  ONE_ACTIVE_PER_KEY,
  type RestoredKey,
  type SubmitInput,
  submitJob,
  withAttemptLock,
} from "./sql/index.ts";
export * from "./sql/read-jobs.ts";
export { createSubmitGroup, type Submit, type SubmitGroupOptions } from "./submit-group.ts";
