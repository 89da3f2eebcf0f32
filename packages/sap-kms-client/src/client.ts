import { SapKmsApi } from "./api.ts";
import { SapKmsError } from "./errors.ts";
import { type ExportWrappingKey, openExport } from "./export-wrapping.ts";
import { wrapMaterial } from "./key-wrapping.ts";
import type { Key, KeyType, NewKey, WrappingAlgorithm } from "./schemas.ts";

/** Plaintext key material, held in memory only: raw bytes for AES, a PKCS#8 DER private key for RSA and EC. */
export interface KeyMaterial {
  type: KeyType;
  size?: number;
  curve?: string;
  format: "RAW" | "PKCS8";
  material: Buffer;
}

export interface ExportedKeyMaterial extends KeyMaterial {
  keyId: string;
  version: number;
}

/** An import wrapping key: an enabled RSA key with the UNWRAP operation, and the version to wrap under. */
export interface ImportKeyRef {
  keyId: string;
  version: number;
}

/** The name of the import wrapping key that `ensureImportKey` finds or creates in a group. */
export const IMPORT_KEY_NAME = "cckm-import-wrapping-key";

/** SAP's choice: AES material is small enough for RSA-OAEP alone; key pairs need the AES key wrap. */
const algorithmFor = (type: KeyType): WrappingAlgorithm =>
  type === "AES" ? "OAEP_MGF1_SHA256" : "RSA_AES_WRAP_SHA256";

/**
 * The SAP KMS client of the orchestrator: every route (SapKmsApi), plus the backup and restore
 * steps built on them. Material travels wrapped; it is plaintext only in this process's memory.
 */
export class SapKmsClient extends SapKmsApi {
  private readonly publicKeys = new Map<string, Buffer>();

  /** Exports one version, wrapped to `wrappingKey`'s public half, and opens it here. */
  async exportVersionMaterial(
    keyId: string,
    version: number,
    wrappingKey: ExportWrappingKey,
  ): Promise<ExportedKeyMaterial> {
    const exported = await this.exportVersion(keyId, version, wrappingKey);
    if (
      exported.keyId.toLowerCase() !== keyId.toLowerCase() ||
      exported.version !== version ||
      exported.algorithm !== wrappingKey.algorithm
    ) {
      throw new SapKmsError("INVALID_RESPONSE", `versions.export: answered for another key, version or wrapping`, {
        operation: "versions.export",
      });
    }
    let material: Buffer;
    try {
      material = openExport(wrappingKey, Buffer.from(exported.wrappedKey, "base64"), keyId, version);
    } catch (cause) {
      throw new SapKmsError("INVALID_RESPONSE", "versions.export: the wrapped material does not unwrap", {
        operation: "versions.export",
        cause,
      });
    }
    const { type, size, curve, format } = exported;
    return {
      keyId,
      version,
      type,
      format,
      material,
      ...(size !== undefined ? { size } : {}),
      ...(curve ? { curve } : {}),
    };
  }

  /** Every version of a key, version 0 first (a non-exportable key throws NOT_EXPORTABLE). */
  async exportAllVersions(keyId: string, wrappingKey: ExportWrappingKey): Promise<ExportedKeyMaterial[]> {
    const versions = await this.listVersions(keyId);
    const exported: ExportedKeyMaterial[] = [];
    for (const v of [...versions].sort((a, b) => a.version - b.version)) {
      exported.push(await this.exportVersionMaterial(keyId, v.version, wrappingKey));
    }
    return exported;
  }

  /**
   * The group's import wrapping key (an RSA-3072 key named `name` with WRAP and UNWRAP, not exportable),
   * created on first use. Two callers racing both end up with one of them.
   */
  async ensureImportKey(groupId: string, name = IMPORT_KEY_NAME): Promise<ImportKeyRef> {
    const usable = (k: Key) => k.type === "RSA" && k.enabled && k.operations.includes("UNWRAP");
    const find = async () => (await this.listAllKeys({ groupId, name })).find(usable);
    let key = await find();
    if (key === undefined) {
      try {
        key = await this.createKey({
          name,
          groupId,
          type: "RSA",
          size: 3072,
          operations: ["WRAP", "UNWRAP"],
          exportable: false,
          description: "Import wrapping key of the CCKM SAP key job orchestrator",
        });
      } catch (error) {
        if (!(error instanceof SapKmsError) || error.code !== "CONFLICT") throw error;
        key = await find();
        if (key === undefined) throw error;
      }
    }
    return { keyId: key.id, version: key.meta.primaryVersion };
  }

  /** Imports material as version 0 of a new key (`POST /crypto/unwrap` with `target`). */
  async importNewKey(options: { importKey: ImportKeyRef; material: KeyMaterial; target: NewKey }): Promise<Key> {
    const { importKey, material, target } = options;
    const algorithm = algorithmFor(material.type);
    const wrappedKey = await this.wrapForImport(importKey, algorithm, material.material);
    return this.unwrap({ ...importKey, algorithm, wrappedKey, target: { ...target, type: material.type } });
  }

  /** Imports material as the next version of `keyId` (`POST /crypto/unwrap` with `targetKeyId`). */
  async importVersion(options: { importKey: ImportKeyRef; material: KeyMaterial; keyId: string }): Promise<Key> {
    const { importKey, material, keyId } = options;
    const algorithm = algorithmFor(material.type);
    const wrappedKey = await this.wrapForImport(importKey, algorithm, material.material);
    return this.unwrap({ ...importKey, algorithm, wrappedKey, targetKeyId: keyId });
  }

  private async wrapForImport(ref: ImportKeyRef, algorithm: WrappingAlgorithm, material: Buffer): Promise<string> {
    const cacheKey = `${ref.keyId}:${ref.version}`;
    let publicKey = this.publicKeys.get(cacheKey);
    if (publicKey === undefined) {
      publicKey = await this.getPublicKey(ref.keyId, ref.version);
      this.publicKeys.set(cacheKey, publicKey);
    }
    return wrapMaterial(algorithm, publicKey, material).toString("base64");
  }
}
