import type { Keyring } from "@cckm/crypto";
import type { Queryable } from "@cckm/db";
import { type SapKmsClient, SapKmsError } from "@cckm/sap-kms-client";
import { backUpKey, type ExportKeyProvider } from "./backup.ts";
import { JobError } from "./errors.ts";
import { type Commits, DIRECT_COMMITS } from "./group-commit.ts";
import {
  completeDelete,
  dropOutdatedBackup,
  type EndedJob,
  failJob,
  type Job,
  type KeyContext,
  recordBackupFailed,
} from "./sql/index.ts";

export interface ProcedureDeps {
  /** Where the attempt's statements go: the connection that holds its attempt lock. */
  pool: Queryable;
  keyring: Keyring;
  exportKey: ExportKeyProvider;
  /** Where a delete's backup and completion commit: the worker's group commit, or straight on `pool`. */
  commits?: Commits;
  /** The SAP client of the key's connection (reused while the connection is unchanged). */
  clientFor(connection: KeyContext["connection"]): SapKmsClient;
  /** Who acts, for the event log, e.g. `worker:<host>:<pid>`. */
  actor: string;
  log: (message: string, fields?: Record<string, unknown>) => void;
}

export interface AttemptInfo {
  /** True when this attempt is the last one BullMQ will make. */
  final: boolean;
}

const isRetryable = (error: unknown) => error instanceof SapKmsError && error.retryable;

/** A claimed job with what its attempt needs to know (claimJob reads both in one statement). */
export interface ClaimedJob {
  job: Job;
  context: KeyContext | null;
}

/** The claimed job's key context; the key must still be in the inventory. */
export function contextOf(claimed: ClaimedJob): KeyContext {
  if (!claimed.context) {
    throw new JobError("KEY_NOT_FOUND", `key ${claimed.job.cckmKeyId} is no longer in the inventory`);
  }
  return claimed.context;
}

const isNotFound = (error: unknown) => error instanceof SapKmsError && error.code === "NOT_FOUND";

/**
 * delete, on a claimed job: back up every version (or reuse this job's backup) → delete on SAP ("not
 * found" counts as deleted) → key gone and job DONE in one statement. Each step is safe to run again.
 * A failed backup ends the job BACKUP_FAILED before SAP is ever asked to delete, unless the job says
 * `delete_if_backup_fails`, in which case it goes on with `backup_status: failed`.
 * Returns how the job ended, or null when this call found it ended by someone else.
 */
export async function runDelete(
  deps: ProcedureDeps,
  claimed: ClaimedJob,
  attempt: AttemptInfo,
): Promise<EndedJob | null> {
  const { job } = claimed;
  const { key, connection, ownBackup } = contextOf(claimed);
  const client = deps.clientFor(connection);

  let backupId: string | null = null;
  if (job.backupStatus !== "failed") {
    try {
      backupId = await backUpKey(
        { ...deps, client },
        {
          jobId: job.id,
          cckmKeyId: key.id,
          sapKeyId: job.sapKeyId,
          keyType: key.type,
          ownBackup,
        },
      );
      if (backupId === null) {
        deps.log("job no longer running; leaving it", { jobId: job.id });
        return null;
      }
    } catch (error) {
      // SAP no longer has the key, and the key holds a proven backup of it: an earlier delete went
      // through and its job failed before it could say so. The key is deleted, and restorable.
      if (isNotFound(error) && key.backupId && key.backupSapKeyId === job.sapKeyId) {
        deps.log("SAP no longer has the key; it holds a backup of it: counting it as deleted", { jobId: job.id });
        return completeDelete(deps.pool, job.id, deps.actor, key.backupId);
      }
      // A transient export error is retried while attempts remain; then it is a failed backup.
      if (isRetryable(error) && !attempt.final) throw error;
      if (!(error instanceof SapKmsError) && !(error instanceof JobError)) throw error;
      const reason = `backup failed: ${error.message}`;
      if (!job.deleteIfBackupFails) {
        const ended = await failJob(deps.pool, job.id, deps.actor, {
          code: "BACKUP_FAILED",
          message: reason,
          backupStatus: "failed",
        });
        deps.log("backup failed; the key is kept", { jobId: job.id });
        return ended;
      }
      if (!(await recordBackupFailed(deps.pool, job.id))) return null;
      deps.log("backup failed; deleting anyway (delete_if_backup_fails)", { jobId: job.id });
    }
  }

  // A backup an earlier attempt took may be older than the key: SAP may hold versions added since.
  if (ownBackup?.proven && backupId === ownBackup.id) await checkUnchanged(deps, client, job, ownBackup.versionCount);
  await deleteOnSap(deps, client, job.sapKeyId);
  return (deps.commits ?? DIRECT_COMMITS).completeDelete(deps.pool, job.id, deps.actor, backupId);
}

/**
 * Before SAP deletes a key whose backup an earlier attempt took, the key must hold no version the backup
 * lacks. If it does, the backup is dropped (SAP still has every version) and KEY_CHANGED sends the job
 * to its next attempt, which backs up again. A key SAP no longer has is left to the delete.
 */
async function checkUnchanged(deps: ProcedureDeps, client: SapKmsClient, job: Job, backedUp: number): Promise<void> {
  let versions: number;
  try {
    versions = (await client.getKey(job.sapKeyId)).meta.totalVersions;
  } catch (error) {
    if (isNotFound(error)) return;
    throw error;
  }
  if (versions === backedUp) return;
  await dropOutdatedBackup(deps.pool, job.id);
  throw new JobError(
    "KEY_CHANGED",
    `SAP holds ${versions} versions, this job's backup ${backedUp}: backing up again`,
    true,
  );
}

/**
 * Deletes the key on SAP; "not found" counts as deleted. When the call fails in a way that may hide a
 * delete that went through (a 5xx or timeout after SAP did the work, the answer lost), SAP is asked
 * whether the key is still there before the error counts.
 */
async function deleteOnSap(deps: ProcedureDeps, client: SapKmsClient, sapKeyId: string): Promise<void> {
  try {
    await client.deleteKey(sapKeyId);
  } catch (error) {
    if (!isNotFound(error) && !(isRetryable(error) && (await isAbsent(client, sapKeyId)))) throw error;
    deps.log("SAP no longer has the key; counting it as deleted", { sapKeyId });
  }
}

/** Whether SAP answers "not found" for the key now; any other answer, or none, is "cannot tell". */
async function isAbsent(client: SapKmsClient, sapKeyId: string): Promise<boolean> {
  try {
    await client.getKey(sapKeyId);
    return false;
  } catch (error) {
    return isNotFound(error);
  }
}
