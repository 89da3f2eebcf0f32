import { SapKmsError } from "@cckm/sap-kms-client";
import type { Job } from "bullmq";

/** How an error thrown by a step is described in Postgres: a code and a message, never a stack. */
export function describeError(error: unknown): { code: string; message: string; retryable: boolean } {
  if (error instanceof SapKmsError)
    return { code: `SAP_${error.code}`, message: error.message, retryable: error.retryable };
  const code = (error as { code?: unknown })?.code;
  return {
    code: typeof code === "string" ? code : "INTERNAL",
    message: error instanceof Error ? error.message : String(error),
    retryable: (error as { retryable?: unknown })?.retryable !== false,
  };
}

/** Whether this attempt is the job's last: no retries left, or nothing a retry could fix. */
export function isFinalAttempt(job: Job, retryable: boolean): boolean {
  return !retryable || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}
