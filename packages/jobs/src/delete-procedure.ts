import type { Keyring } from "@cckm/crypto";
import type { Db } from "@cckm/db";
import { type SapKmsClient, SapKmsError } from "@cckm/sap-kms-client";
import { backUpKey, type ExportKeyProvider } from "./backup.ts";
import { JobError } from "./errors.ts";
import { claimJob, completeDelete, failJob, recordBackupStatus } from "./transitions.ts";

export interface ProcedureDeps {
  db: Db;
  keyring: Keyring;
  exportKey: ExportKeyProvider;
  /** The SAP client of the key's connection. */
  clientFor(connectionId: string): Promise<SapKmsClient>;
  /** Who acts, for the event log, e.g. `worker:<host>:<pid>`. */
  actor: string;
  log: (message: string, fields?: Record<string, unknown>) => void;
}

export interface AttemptInfo {
  /** True when this attempt is the last one BullMQ will make. */
  final: boolean;
}

const isRetryable = (error: unknown) => error instanceof SapKmsError && error.retryable;

/**
 * delete: claim → back up every version (or reuse this job's backup) → delete on SAP ("not found"
 * counts as deleted) → key gone and job DONE in one transaction. Each step is safe to run again.
 * A failed backup ends the job BACKUP_FAILED before SAP is ever asked to delete, unless the job says
 * `delete_if_backup_fails`, in which case it goes on with `backup_status: failed`.
 */
/** Returns true when this call ended the job (DONE or FAILED), false when it found it finished. */
export async function runDelete(deps: ProcedureDeps, jobId: string, attempt: AttemptInfo): Promise<boolean> {
  const job = await claimJob(deps.db, jobId, deps.actor);
  if (!job) {
    deps.log("job already finished; nothing to do", { jobId });
    return false;
  }
  const key = await deps.db.sapKey.findUniqueOrThrow({ where: { id: job.cckmKeyId } });
  const client = await deps.clientFor(key.connectionId);

  let backupId: string | null = null;
  if (job.backupStatus !== "failed") {
    try {
      backupId = await backUpKey(deps.db, client, deps.keyring, deps.exportKey, {
        jobId,
        cckmKeyId: key.id,
        sapKeyId: job.sapKeyId,
        keyType: key.type,
      });
      await recordBackupStatus(deps.db, jobId, "done");
    } catch (error) {
      // A transient export error is retried while attempts remain; then it is a failed backup.
      if (isRetryable(error) && !attempt.final) throw error;
      if (!(error instanceof SapKmsError) && !(error instanceof JobError)) throw error;
      const reason = `backup failed: ${error.message}`;
      if (!job.deleteIfBackupFails) {
        const ended = await failJob(deps.db, jobId, deps.actor, {
          code: "BACKUP_FAILED",
          message: reason,
          backupStatus: "failed",
        });
        deps.log("backup failed; the key is kept", { jobId });
        return ended;
      }
      await recordBackupStatus(deps.db, jobId, "failed");
      deps.log("backup failed; deleting anyway (delete_if_backup_fails)", { jobId });
    }
  }

  try {
    await client.deleteKey(job.sapKeyId);
  } catch (error) {
    if (!(error instanceof SapKmsError && error.code === "NOT_FOUND")) throw error;
    deps.log("SAP no longer has the key; counting it as deleted", { jobId });
  }
  return completeDelete(deps.db, jobId, deps.actor, backupId);
}
