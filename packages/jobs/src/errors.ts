/** Error codes a job can end with (`error_code`), and submission refusals. */
export type JobErrorCode =
  | "KEY_NOT_FOUND"
  | "JOB_ACTIVE"
  | "KEY_GONE"
  | "KEY_NOT_GONE"
  | "NO_BACKUP"
  | "BACKUP_FAILED"
  | "BACKUP_CORRUPT"
  | "RESTORE_CONFLICT"
  | "INVARIANT"
  | "ATTEMPT_RUNNING"
  | "KEY_CHANGED";

/**
 * A failure of the job's own making, named by `code`. `retryable: false` means no retry can fix it
 * (the worker ends the job at once); callers match on `code`, never on the message.
 */
export class JobError extends Error {
  constructor(
    readonly code: JobErrorCode,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
    this.name = "JobError";
  }
}
