// The job's state machine in SQL. Every change of a job's state is one guarded statement here (its
// WHERE names the states it may leave), with its event row in the same statement; nothing else writes
// `sap_key_jobs.state`. Reads that the procedures need sit beside them.
export { withAttemptLock } from "./attempt-lock.ts";
export { type Claim, claimJob } from "./claim-job.ts";
export {
  commitProvenBackup,
  dropOutdatedBackup,
  dropUnprovenBackup,
  type ProvenBackup,
  recordBackupFailed,
  type SealedVersion,
} from "./commit-backup.ts";
export { completeDelete, completeRestore, type RestoredKey } from "./complete-job.ts";
export { type Failure, failJob } from "./fail-job.ts";
export { findJob } from "./find-job.ts";
export {
  commitProvenBackups,
  completeDeletes,
  type GroupedBackup,
  type GroupedCompletion,
} from "./group-statements.ts";
export type { KeyContext } from "./key-context.ts";
export { readOwnBackup, readStoredBackup, type StoredBackup, type StoredVersion } from "./read-backup.ts";
export { type EndedJob, type Job, jobFromRow } from "./rows.ts";
export { ONE_ACTIVE_PER_KEY, type SubmitInput, submitJob } from "./submit-job.ts";
