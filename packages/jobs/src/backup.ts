import { backupAad, type Keyring, open, seal, sha256Hex } from "@cckm/crypto";
import type { Db } from "@cckm/db";
import type { ExportWrappingKey, KeyMaterial, SapKmsClient } from "@cckm/sap-kms-client";
import { JobError } from "./errors.ts";

export interface BackupTarget {
  jobId: string;
  cckmKeyId: string;
  sapKeyId: string;
  keyType: string;
}

const bytes = (b: Buffer) => new Uint8Array(b);

interface VersionRow {
  version: number;
  ciphertext: Uint8Array;
  nonce: Uint8Array;
  tag: Uint8Array;
  wrappedDek: Uint8Array;
  kekId: string;
}

/** Opens one stored version (its AAD binds it to the key and the version). */
function openVersion(keyring: Keyring, cckmKeyId: string, v: VersionRow): Buffer {
  const sealed = {
    ciphertext: Buffer.from(v.ciphertext),
    nonce: Buffer.from(v.nonce),
    tag: Buffer.from(v.tag),
    wrappedDek: Buffer.from(v.wrappedDek),
    kekId: v.kekId,
  };
  return open(sealed, backupAad(cckmKeyId, v.version), keyring);
}

/** The RSA key pair SAP wraps exported material under; its private half stays in this process. */
export type ExportKeyProvider = () => Promise<ExportWrappingKey>;

/**
 * Decrypts every version of a committed backup and compares each digest; marks it proven.
 * Throws BACKUP_CORRUPT when a version does not open or does not match.
 */
export async function proveBackup(db: Db, keyring: Keyring, backupId: string): Promise<void> {
  const backup = await db.keyBackup.findUniqueOrThrow({ where: { id: backupId }, include: { versions: true } });
  if (backup.versions.length !== backup.versionCount) {
    throw new JobError("BACKUP_CORRUPT", `backup holds ${backup.versions.length} of ${backup.versionCount} versions`);
  }
  for (const v of backup.versions) {
    let material: Buffer;
    try {
      material = openVersion(keyring, backup.keyId, v);
    } catch {
      throw new JobError("BACKUP_CORRUPT", `version ${v.version} of the backup does not decrypt`);
    }
    const matches = sha256Hex(material) === v.digest;
    material.fill(0);
    if (!matches) throw new JobError("BACKUP_CORRUPT", `version ${v.version} of the backup does not match its digest`);
  }
  await db.keyBackup.update({ where: { id: backupId }, data: { provenAt: new Date() } });
}

/**
 * Backs up every version of the key for this job, or reuses what an earlier attempt of the job made:
 * a proven backup is reused as it is; an unproven one (a crash between commit and proof) is proven
 * now, or dropped and made again. Returns the proven backup's id.
 */
export async function backUpKey(
  db: Db,
  client: SapKmsClient,
  keyring: Keyring,
  exportKey: ExportKeyProvider,
  target: BackupTarget,
): Promise<string> {
  const earlier = await db.keyBackup.findUnique({ where: { jobId: target.jobId } });
  if (earlier?.provenAt) return earlier.id;
  if (earlier) {
    try {
      await proveBackup(db, keyring, earlier.id);
      return earlier.id;
    } catch (error) {
      if (!(error instanceof JobError)) throw error;
      await db.keyBackup.delete({ where: { id: earlier.id } });
    }
  }

  const exported = await client.exportAllVersions(target.sapKeyId, await exportKey());
  if (exported.length === 0) throw new JobError("BACKUP_FAILED", "SAP listed no version to back up");
  try {
    const versions = exported.map((e) => {
      const sealed = seal(e.material, backupAad(target.cckmKeyId, e.version), keyring);
      return {
        version: e.version,
        ciphertext: bytes(sealed.ciphertext),
        nonce: bytes(sealed.nonce),
        tag: bytes(sealed.tag),
        wrappedDek: bytes(sealed.wrappedDek),
        kekId: sealed.kekId,
        digest: sha256Hex(e.material),
      };
    });
    // One transaction: the backup and all its versions are durable together, or not at all.
    const backup = await db.keyBackup.create({
      data: {
        keyId: target.cckmKeyId,
        jobId: target.jobId,
        sapKeyId: target.sapKeyId,
        keyType: target.keyType,
        versionCount: versions.length,
        versions: { create: versions },
      },
    });
    await proveBackup(db, keyring, backup.id);
    return backup.id;
  } finally {
    for (const e of exported) e.material.fill(0);
  }
}

/** The material of every version of a proven backup, version 0 first, for a restore (memory only). */
export async function readBackup(
  db: Db,
  keyring: Keyring,
  backupId: string,
  shape: { type: string; size: number | null; curve: string | null },
): Promise<KeyMaterial[]> {
  const backup = await db.keyBackup.findUnique({
    where: { id: backupId },
    include: { versions: { orderBy: { version: "asc" } } },
  });
  if (!backup?.provenAt) throw new JobError("NO_BACKUP", "the key holds no proven backup");
  return backup.versions.map((v) => {
    const material = openVersion(keyring, backup.keyId, v);
    if (sha256Hex(material) !== v.digest)
      throw new JobError("BACKUP_CORRUPT", `version ${v.version} does not match its digest`);
    const type = shape.type as KeyMaterial["type"];
    return {
      type,
      format: type === "AES" ? "RAW" : "PKCS8",
      material,
      ...(shape.size !== null ? { size: shape.size } : {}),
      ...(shape.curve !== null ? { curve: shape.curve } : {}),
    };
  });
}
