import { prepared, type Queryable } from "@cckm/db";
import type { SealedVersion } from "./commit-backup.ts";

/** A version as the table holds it: what commitProvenBackup wrote. */
export type StoredVersion = SealedVersion;

export interface StoredBackup {
  keyId: string;
  proven: boolean;
  versionCount: number;
  versions: StoredVersion[];
}

const READ = prepared(
  "read_backup",
  `
SELECT b.key_id, b.proven_at IS NOT NULL AS proven, b.version_count,
       v.version, v.ciphertext, v.nonce, v.tag, v.wrapped_dek, v.kek_id, v.digest
  FROM key_backups b LEFT JOIN key_backup_versions v ON v.backup_id = b.id
 WHERE b.id = $1::uuid
 ORDER BY v.version`,
);

interface Row {
  key_id: string;
  proven: boolean;
  version_count: number;
  version: number | null;
  ciphertext: Buffer;
  nonce: Buffer;
  tag: Buffer;
  wrapped_dek: Buffer;
  kek_id: string;
  digest: string;
}

const OWN = prepared(
  "own_backup",
  "SELECT id, proven_at IS NOT NULL AS proven FROM key_backups WHERE job_id = $1::uuid",
);

/** The backup this job committed, if any, read now (not from an earlier statement's snapshot). */
export async function readOwnBackup(db: Queryable, jobId: string): Promise<{ id: string; proven: boolean } | null> {
  const { rows } = await db.query<{ id: string; proven: boolean }>({ ...OWN, values: [jobId] });
  return rows[0] ?? null;
}

/** A backup with its sealed versions in order, or null. */
export async function readStoredBackup(db: Queryable, backupId: string): Promise<StoredBackup | null> {
  const { rows } = await db.query<Row>({ ...READ, values: [backupId] });
  const first = rows[0];
  if (!first) return null;
  return {
    keyId: first.key_id,
    proven: first.proven,
    versionCount: first.version_count,
    versions: rows
      .filter((r) => r.version !== null)
      .map((r) => ({
        version: r.version as number,
        ciphertext: r.ciphertext,
        nonce: r.nonce,
        tag: r.tag,
        wrappedDek: r.wrapped_dek,
        kekId: r.kek_id,
        digest: r.digest,
      })),
  };
}
