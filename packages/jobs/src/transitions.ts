import { randomUUID } from "node:crypto";
import { type BackupStatus, type Db, JobState, Prisma } from "@cckm/db";
import { JobError } from "./errors.ts";

// Every change of a job's state lives here: one guarded statement (the WHERE names the states it may
// leave), and an event row in the same transaction. Nothing else writes sap_key_jobs.state.

type Tx = Prisma.TransactionClient;
const ACTIVE: JobState[] = [JobState.PENDING, JobState.IN_PROGRESS];

async function appendEvent(
  tx: Tx,
  jobId: string,
  from: JobState | null,
  to: JobState,
  actor: string,
  reason: string,
  errorCode: string | null = null,
) {
  await tx.sapKeyJobEvent.create({ data: { jobId, fromState: from, toState: to, actor, reason, errorCode } });
}

export interface SubmitInput {
  keyId: string;
  operation: "delete" | "restore";
  deleteIfBackupFails: boolean;
  creatorId: string;
  creatorName: string;
}

/**
 * Records a job PENDING. The key row is locked first (delete-backup locks it too), so the checks and
 * the insert see one state of the key; the partial unique index refuses a second active job.
 */
export async function submitJob(db: Db, input: SubmitInput) {
  try {
    return await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<
        Array<{ gone: boolean; backup_id: string | null; sap_key_id: string; group_sap_id: string }>
      >`
        SELECT k.gone, k.backup_id, k.sap_key_id, g.sap_group_id AS group_sap_id
          FROM sap_keys k JOIN sap_groups g ON g.id = k.group_id
         WHERE k.id = ${input.keyId}::uuid FOR UPDATE OF k`;
      const key = rows[0];
      if (!key) throw new JobError("KEY_NOT_FOUND", `key ${input.keyId} not found`);
      if (input.operation === "delete" && key.gone)
        throw new JobError("KEY_GONE", "the key is already deleted from SAP");
      if (input.operation === "restore" && !key.gone) throw new JobError("KEY_NOT_GONE", "the key still exists in SAP");
      if (input.operation === "restore" && !key.backup_id) throw new JobError("NO_BACKUP", "the key holds no backup");
      const job = await tx.sapKeyJob.create({
        data: {
          cckmKeyId: input.keyId,
          groupId: key.group_sap_id,
          queueJobId: randomUUID(),
          sapKeyId: key.sap_key_id,
          operation: input.operation,
          creatorId: input.creatorId,
          creatorName: input.creatorName,
          deleteIfBackupFails: input.operation === "delete" && input.deleteIfBackupFails,
        },
      });
      await appendEvent(tx, job.id, null, JobState.PENDING, input.creatorName, `${input.operation} submitted`);
      return job;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new JobError("JOB_ACTIVE", "a job is already pending or in progress for this key");
    }
    throw error;
  }
}

/**
 * `PENDING | IN_PROGRESS → IN_PROGRESS`, counting the attempt. Returns null for a finished job (a
 * late or duplicate delivery), which the caller then leaves alone.
 */
export async function claimJob(db: Db, jobId: string, actor: string) {
  return db.$transaction(async (tx) => {
    const before = await tx.$queryRaw<Array<{ state: JobState }>>`
      SELECT state FROM sap_key_jobs WHERE id = ${jobId}::uuid FOR UPDATE`;
    const from = before[0]?.state;
    if (!from || !ACTIVE.includes(from)) return null;
    const job = await tx.sapKeyJob.update({
      where: { id: jobId },
      data: { state: JobState.IN_PROGRESS, attempts: { increment: 1 } },
    });
    if (from === JobState.PENDING) await appendEvent(tx, jobId, from, JobState.IN_PROGRESS, actor, "claimed");
    return job;
  });
}

/** Records the backup's outcome on an IN_PROGRESS job; false if the job is no longer running. */
export async function recordBackupStatus(db: Db, jobId: string, backupStatus: BackupStatus): Promise<boolean> {
  const { count } = await db.sapKeyJob.updateMany({
    where: { id: jobId, state: JobState.IN_PROGRESS },
    data: { backupStatus },
  });
  return count === 1;
}

/** One transaction: the key is gone (holding this job's proven backup, if any), the job DONE. */
export async function completeDelete(db: Db, jobId: string, actor: string, backupId: string | null) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.sapKeyJob.updateMany({
      where: { id: jobId, state: JobState.IN_PROGRESS },
      data: { state: JobState.DONE, completedAt: new Date(), error: null, errorCode: null },
    });
    if (count === 0) return false;
    const job = await tx.sapKeyJob.findUniqueOrThrow({ where: { id: jobId } });
    await tx.sapKey.update({
      where: { id: job.cckmKeyId },
      data: { gone: true, goneAt: new Date(), ...(backupId ? { backupId } : {}) },
    });
    if (backupId) await tx.keyBackup.deleteMany({ where: { keyId: job.cckmKeyId, id: { not: backupId } } });
    await appendEvent(tx, jobId, JobState.IN_PROGRESS, JobState.DONE, actor, "deleted from SAP");
    return true;
  });
}

export interface RestoredKey {
  sapKeyId: string;
  enabled: boolean;
  sapState: string | null;
  primaryVersion: number;
  totalVersions: number;
  description: string | null;
  sapMeta: object;
}

/** One transaction: the key's new SAP id recorded, `gone=false`, the job DONE. The resource id stays. */
export async function completeRestore(db: Db, jobId: string, actor: string, restored: RestoredKey) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.sapKeyJob.updateMany({
      where: { id: jobId, state: JobState.IN_PROGRESS },
      data: {
        state: JobState.DONE,
        completedAt: new Date(),
        restoredSapKeyId: restored.sapKeyId,
        error: null,
        errorCode: null,
      },
    });
    if (count === 0) return false;
    const job = await tx.sapKeyJob.findUniqueOrThrow({ where: { id: jobId } });
    await tx.sapKey.update({
      where: { id: job.cckmKeyId },
      data: {
        sapKeyId: restored.sapKeyId,
        gone: false,
        goneAt: null,
        enabled: restored.enabled,
        sapState: restored.sapState,
        primaryVersion: restored.primaryVersion,
        totalVersions: restored.totalVersions,
        description: restored.description,
        sapMeta: restored.sapMeta,
        lastSyncedAt: new Date(),
      },
    });
    await appendEvent(
      tx,
      jobId,
      JobState.IN_PROGRESS,
      JobState.DONE,
      actor,
      `restored as SAP key ${restored.sapKeyId}`,
    );
    return true;
  });
}

/**
 * `PENDING | IN_PROGRESS → FAILED` with the error, whatever ended the job. A finished job is left
 * alone (returns false), so every failure path may call this, once or twice.
 */
export async function failJob(
  db: Db,
  jobId: string,
  actor: string,
  failure: { code: string; message: string; backupStatus?: BackupStatus },
) {
  return db.$transaction(async (tx) => {
    const before = await tx.$queryRaw<Array<{ state: JobState }>>`
      SELECT state FROM sap_key_jobs WHERE id = ${jobId}::uuid FOR UPDATE`;
    const from = before[0]?.state;
    if (!from || !ACTIVE.includes(from)) return false;
    await tx.sapKeyJob.update({
      where: { id: jobId },
      data: {
        state: JobState.FAILED,
        completedAt: new Date(),
        error: failure.message.slice(0, 2000),
        errorCode: failure.code,
        ...(failure.backupStatus ? { backupStatus: failure.backupStatus } : {}),
      },
    });
    await appendEvent(tx, jobId, from, JobState.FAILED, actor, failure.message.slice(0, 500), failure.code);
    return true;
  });
}
