import { createHash } from "node:crypto";
import { type Pool, prepared, type Queryable } from "@cckm/db";
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

// The job's `backup_status` and the backup with all its versions, in one statement, only while the
// job runs. Each stored version comes back hashed, so the caller sees what the table holds.
const INSERT = prepared(
  "commit_backup",
  `
WITH job AS (
  UPDATE sap_key_jobs SET backup_status = 'done', updated_at = now()
   WHERE id = $2::uuid AND state = 'IN_PROGRESS'
  RETURNING id, cckm_key_id
), backup AS (
  INSERT INTO key_backups (id, key_id, job_id, sap_key_id, key_type, version_count, proven_at)
  SELECT $1::uuid, job.cckm_key_id, job.id, $3, $4, $5, now() FROM job
  RETURNING id
), versions AS (
  INSERT INTO key_backup_versions (id, backup_id, version, ciphertext, nonce, tag, wrapped_dek, kek_id, digest)
  SELECT gen_random_uuid(), backup.id, v.version, v.ciphertext, v.nonce, v.tag, v.wrapped_dek, v.kek_id, v.digest
    FROM backup,
         unnest($6::int[], $7::bytea[], $8::bytea[], $9::bytea[], $10::bytea[], $11::text[], $12::text[])
           AS v(version, ciphertext, nonce, tag, wrapped_dek, kek_id, digest)
  RETURNING version, kek_id, digest, encode(sha256(ciphertext || nonce || tag || wrapped_dek), 'hex') AS stored
)
SELECT version, kek_id, digest, stored FROM versions ORDER BY version`,
);

const storedHash = (v: SealedVersion) =>
  createHash("sha256").update(v.ciphertext).update(v.nonce).update(v.tag).update(v.wrappedDek).digest("hex");

/**
 * Commits a backup the caller has already proven (every sealed version opens to material of its
 * digest), marked proven, with the job's `backup_status: done`, in one transaction that commits only
 * if the table holds exactly those bytes. Returns false, writing nothing, if the job no longer runs.
 */
export async function commitProvenBackup(pool: Pool, backup: ProvenBackup): Promise<boolean> {
  const client = await pool.connect();
  let failed = true;
  try {
    await client.query("BEGIN");
    const vs = backup.versions;
    const { rows } = await client.query<{ version: number; kek_id: string; digest: string; stored: string }>({
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
      ],
    });
    if (rows.length === 0) {
      await client.query("ROLLBACK");
      failed = false;
      return false;
    }
    const intact =
      rows.length === vs.length &&
      rows.every((r, i) => {
        const v = vs[i] as SealedVersion;
        return r.version === v.version && r.kek_id === v.kekId && r.digest === v.digest && r.stored === storedHash(v);
      });
    if (!intact) {
      await client.query("ROLLBACK");
      failed = false;
      throw new JobError("BACKUP_CORRUPT", "the stored backup differs from the proven one; nothing was committed");
    }
    await client.query("COMMIT");
    failed = false;
    return true;
  } finally {
    // A connection left mid-transaction by an error is destroyed, not reused.
    client.release(failed);
  }
}

/** Drops this job's unproven backup (left by an older worker that crashed before its proof). */
export async function dropUnprovenBackup(db: Queryable, jobId: string): Promise<void> {
  await db.query("DELETE FROM key_backups WHERE job_id = $1::uuid AND proven_at IS NULL", [jobId]);
}

/** Records a failed backup on a running job (it goes on only under `delete_if_backup_fails`). */
export async function recordBackupFailed(db: Queryable, jobId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    "UPDATE sap_key_jobs SET backup_status = 'failed', updated_at = now() WHERE id = $1::uuid AND state = 'IN_PROGRESS'",
    [jobId],
  );
  return rowCount === 1;
}
