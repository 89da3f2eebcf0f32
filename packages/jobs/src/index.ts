export { type BackupDeps, backUpKey, type ExportKeyProvider, readBackup } from "./backup.ts";
export { type AttemptInfo, type ClaimedJob, type ProcedureDeps, runDelete } from "./delete-procedure.ts";
export { JobError, type JobErrorCode } from "./errors.ts";
export { rotatingExportKey } from "./export-key.ts";
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
