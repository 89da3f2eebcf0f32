export { backUpKey, type ExportKeyProvider, proveBackup, readBackup } from "./backup.ts";
export { type AttemptInfo, type ProcedureDeps, runDelete } from "./delete-procedure.ts";
export { JobError, type JobErrorCode } from "./errors.ts";
export { rotatingExportKey } from "./export-key.ts";
export { runRestore } from "./restore-procedure.ts";
export {
  claimJob,
  completeDelete,
  completeRestore,
  failJob,
  type RestoredKey,
  recordBackupStatus,
  type SubmitInput,
  submitJob,
} from "./transitions.ts";
