import { createHash } from "node:crypto";
import { prepared, type Queryable, SQL_STATE } from "@cckm/db";
import { JobError } from "../errors.ts";

/** One version as sealed under the keyring, with the digest of its clear material. */
export interface SealedVersion {
  version: number;
  ciphertext: Buffer;
  nonce: Buffer;
  tag: Buffer;
  wrappedDek: Buffer;
  kekId: string;
  digest: string;
}

export interface ProvenBackup {
  id: string;
  jobId: string;
  sapKeyId: string;
  keyType: string;
  versions: SealedVersion[];
}

// The job's `backup_status`, the backup with all its versions and the key's pointer to it, in one
// statement, only while the job runs. Each version is hashed as its insert stored it and compared with the bytes the worker
// proved; a difference (a change on the way in) raises (cckm_refuse), and the statement writes nothing.
const INSERT = prepared(
  "commit_backup",
  `
WITH job AS (
  UPDATE sap_key_jobs SET backup_status = 'done', updated_at = now()
   WHERE id = $2::uuid AND state = ${SQL_STATE.IN_PROGRESS}
  RETURNING id, cckm_key_id
), backup AS (
  INSERT INTO key_backups (id, key_id, job_id, sap_key_id, key_type, version_count, proven_at)
  SELECT $1::uuid, job.cckm_key_id, job.id, $3, $4, $5, now() FROM job
  RETURNING id
), linked AS (
  -- The key holds its newest proven backup from now on, whatever happens to the job: a delete whose
  -- SAP call went through but whose job then failed leaves a key that a sync marks gone and a restore
  -- accepts. Older backups stay until a delete completes.
  UPDATE sap_keys k SET backup_id = backup.id, updated_at = now() FROM job, backup WHERE k.id = job.cckm_key_id
), proven AS (
  SELECT * FROM unnest($6::int[], $7::bytea[], $8::bytea[], $9::bytea[], $10::bytea[], $11::text[], $12::text[], $13::text[])
    AS p(version, ciphertext, nonce, tag, wrapped_dek, kek_id, digest, sealed_hash)
), versions AS (
  INSERT INTO key_backup_versions (id, backup_id, version, ciphertext, nonce, tag, wrapped_dek, kek_id, digest)
  SELECT gen_random_uuid(), backup.id, p.version, p.ciphertext, p.nonce, p.tag, p.wrapped_dek, p.kek_id, p.digest
    FROM backup, proven p
  RETURNING version, kek_id, digest, encode(sha256(ciphertext || nonce || tag || wrapped_dek), 'hex') AS stored
)
SELECT v.version,
       CASE WHEN v.stored = p.sealed_hash AND v.kek_id = p.kek_id AND v.digest = p.digest THEN true
            ELSE cckm_refuse('version ' || v.version || ' of the backup is stored other than proven') END AS intact
  FROM versions v JOIN proven p ON p.version = v.version`,
);

export const sealedHash = (v: SealedVersion) =>
  createHash("sha256").update(v.ciphertext).update(v.nonce).update(v.tag).update(v.wrappedDek).digest("hex");

/** SQLSTATE data_corrupted, which cckm_refuse raises. */
const DATA_CORRUPTED = "XX001";

/**
 * Commits a backup the caller has already proven (every sealed version opens to material of its
 * digest), marked proven, with the job's `backup_status: done`, in one statement that commits only
 * if its inserts stored exactly those bytes (else BACKUP_CORRUPT, nothing written). Returns false,
 * writing nothing, if the job no longer runs.
 */
export async function commitProvenBackup(db: Queryable, backup: ProvenBackup): Promise<boolean> {
  const vs = backup.versions;
  try {
    const { rows } = await db.query<{ version: number; intact: boolean }>({
      ...INSERT,
      values: [
        backup.id,
        backup.jobId,
        backup.sapKeyId,
        backup.keyType,
        vs.length,
        vs.map((v) => v.version),
        vs.map((v) => v.ciphertext),
        vs.map((v) => v.nonce),
        vs.map((v) => v.tag),
        vs.map((v) => v.wrappedDek),
        vs.map((v) => v.kekId),
        vs.map((v) => v.digest),
        vs.map(sealedHash),
      ],
    });
    return rows.length > 0;
  } catch (error) {
    if ((error as { code?: unknown }).code === DATA_CORRUPTED) {
      throw new JobError("BACKUP_CORRUPT", `${(error as Error).message}; nothing was committed`);
    }
    throw error;
  }
}

/** Drops this job's unproven backup (left by an older worker that crashed before its proof). */
export async function dropUnprovenBackup(db: Queryable, jobId: string): Promise<void> {
  await db.query("DELETE FROM key_backups WHERE job_id = $1::uuid AND proven_at IS NULL", [jobId]);
}

/** Records a failed backup on a running job (it goes on only under `delete_if_backup_fails`). */
export async function recordBackupFailed(db: Queryable, jobId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE sap_key_jobs SET backup_status = 'failed', updated_at = now() WHERE id = $1::uuid AND state = ${SQL_STATE.IN_PROGRESS}`,
    [jobId],
  );
  return rowCount === 1;
}

// A running job's own proven backup dropped, and its `backup_status` back to none, in one statement:
// SAP still holds the key, with more versions than the backup (added since it was taken).
const DROP_OUTDATED = prepared(
  "drop_outdated_backup",
  `
WITH job AS (
  UPDATE sap_key_jobs SET backup_status = 'none', updated_at = now()
   WHERE id = $1::uuid AND state = ${SQL_STATE.IN_PROGRESS}
  RETURNING id
)
DELETE FROM key_backups b USING job WHERE b.job_id = job.id`,
);

/** Drops this running job's backup because the key changed on SAP since; the next attempt backs up again. */
export async function dropOutdatedBackup(db: Queryable, jobId: string): Promise<void> {
  await db.query({ ...DROP_OUTDATED, values: [jobId] });
}
