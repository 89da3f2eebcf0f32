import { randomUUID } from "node:crypto";
import { backupAad, type Keyring, open, seal, sha256Hex } from "@cckm/crypto";
import type { Queryable } from "@cckm/db";
import type { ExportWrappingKey, KeyMaterial, SapKmsClient } from "@cckm/sap-kms-client";
import { JobError } from "./errors.ts";
import { type Commits, DIRECT_COMMITS } from "./group-commit.ts";
import {
  dropUnprovenBackup,
  readOwnBackup,
  readStoredBackup,
  type SealedVersion,
  type StoredVersion,
} from "./sql/index.ts";

export interface BackupTarget {
  jobId: string;
  cckmKeyId: string;
  sapKeyId: string;
  keyType: string;
  /** The backup an earlier attempt of this job committed, if any. */
  ownBackup: { id: string; proven: boolean } | null;
}

/** Opens one sealed version (its AAD binds it to the key and the version). */
function openVersion(keyring: Keyring, cckmKeyId: string, v: StoredVersion): Buffer {
  return open(v, backupAad(cckmKeyId, v.version), keyring);
}

/** Opens a sealed version and checks its digest; BACKUP_CORRUPT when it does not open or match. */
function proveVersion(keyring: Keyring, cckmKeyId: string, v: StoredVersion): Buffer {
  let material: Buffer;
  try {
    material = openVersion(keyring, cckmKeyId, v);
  } catch {
    throw new JobError("BACKUP_CORRUPT", `version ${v.version} of the backup does not decrypt`);
  }
  if (sha256Hex(material) !== v.digest) {
    material.fill(0);
    throw new JobError("BACKUP_CORRUPT", `version ${v.version} of the backup does not match its digest`);
  }
  return material;
}

/** The key pair SAP wraps exported material to (rotatingExportKey); its private half stays in this process. */
export type ExportKeyProvider = () => Promise<ExportWrappingKey>;

export interface BackupDeps {
  pool: Queryable;
  /** The SAP client of the key's connection. */
  client: SapKmsClient;
  keyring: Keyring;
  exportKey: ExportKeyProvider;
  /** Where the backup commits: the worker's group commit, or straight on `pool` (the default). */
  commits?: Commits;
}

/**
 * Backs up every version of the key for this job, or reuses the proven backup an earlier attempt of
 * the job committed. Each exported version is sealed, and the sealed value opened again and checked
 * against SAP's material before anything is written; the backup then commits proven, with the job's
 * `backup_status`, only if the table holds exactly the proven bytes (commitProvenBackup). An
 * unproven backup (left by an older worker) is dropped and made again: SAP still holds the key then.
 * Returns the backup's id, or null when the job stopped running meanwhile (nothing is written).
 */
export async function backUpKey(deps: BackupDeps, target: BackupTarget): Promise<string | null> {
  if (target.ownBackup?.proven) return target.ownBackup.id;
  if (target.ownBackup) await dropUnprovenBackup(deps.pool, target.jobId);
  try {
    return await exportAndCommit(deps, target);
  } catch (error) {
    // Another attempt of this job (a redelivery running beside this one, whose commit this attempt's
    // claim could not see) may have committed its backup meanwhile: SAP may have deleted the key after
    // it (the export fails), or this commit collided with it (job_id is unique). Its proven backup is
    // this job's backup.
    const theirs = await readOwnBackup(deps.pool, target.jobId);
    if (theirs?.proven) return theirs.id;
    throw error;
  }
}

async function exportAndCommit({ pool, client, keyring, exportKey, commits }: BackupDeps, target: BackupTarget) {
  const exported = await client.exportAllVersions(target.sapKeyId, await exportKey());
  if (exported.length === 0) throw new JobError("BACKUP_FAILED", "SAP listed no version to back up");
  try {
    const versions: SealedVersion[] = exported.map((e) => {
      const sealed = seal(e.material, backupAad(target.cckmKeyId, e.version), keyring);
      const version = { version: e.version, ...sealed, digest: sha256Hex(e.material) };
      proveVersion(keyring, target.cckmKeyId, version).fill(0);
      return version;
    });
    const id = randomUUID();
    const running = await (commits ?? DIRECT_COMMITS).commitBackup(pool, {
      id,
      jobId: target.jobId,
      sapKeyId: target.sapKeyId,
      keyType: target.keyType,
      versions,
    });
    return running ? id : null;
  } finally {
    for (const e of exported) e.material.fill(0);
  }
}

/** The material of every version of a proven backup, version 0 first, for a restore (memory only). */
export async function readBackup(
  db: Queryable,
  keyring: Keyring,
  backupId: string,
  shape: { type: string; size: number | null; curve: string | null },
): Promise<KeyMaterial[]> {
  const backup = await readStoredBackup(db, backupId);
  if (!backup?.proven) throw new JobError("NO_BACKUP", "the key holds no proven backup");
  if (backup.versions.length !== backup.versionCount) {
    throw new JobError("BACKUP_CORRUPT", `backup holds ${backup.versions.length} of ${backup.versionCount} versions`);
  }
  const type = shape.type as KeyMaterial["type"];
  const materials: KeyMaterial[] = [];
  try {
    for (const v of backup.versions) {
      materials.push({
        type,
        format: type === "AES" ? "RAW" : "PKCS8",
        material: proveVersion(keyring, backup.keyId, v),
        ...(shape.size !== null ? { size: shape.size } : {}),
        ...(shape.curve !== null ? { curve: shape.curve } : {}),
      });
    }
    return materials;
  } catch (error) {
    for (const m of materials) m.material.fill(0);
    throw error;
  }
}
