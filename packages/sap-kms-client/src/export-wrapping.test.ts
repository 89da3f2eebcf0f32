import { createCipheriv, createPublicKey, diffieHellman, generateKeyPairSync, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  createExportWrappingKey,
  type ExportWrappingKey,
  exportAad,
  exportKek,
  openExport,
  x25519Raw,
} from "./export-wrapping.ts";

/** What the export route answers, built here step by step from the protocol's description. */
function sealTo(recipient: ExportWrappingKey, material: Buffer, aad: Buffer): Buffer {
  const ephemeral = generateKeyPairSync("x25519");
  const ephemeralRaw = x25519Raw(ephemeral.publicKey.export({ format: "der", type: "spki" }));
  const staticKey = createPublicKey({ key: recipient.publicKeyDer, format: "der", type: "spki" });
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: staticKey });
  const kek = exportKek(shared, ephemeralRaw, x25519Raw(recipient.publicKeyDer));
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", kek, nonce).setAAD(aad);
  const sealed = Buffer.concat([cipher.update(material), cipher.final()]);
  return Buffer.concat([ephemeralRaw, nonce, sealed, cipher.getAuthTag()]);
}

describe("export wrapping (ECDH_X25519_HKDF_SHA256_AES256_GCM)", () => {
  it("makes an X25519 key by default and opens what was sealed to it for that key and version", async () => {
    const key = await createExportWrappingKey();
    expect(key.algorithm).toBe("ECDH_X25519_HKDF_SHA256_AES256_GCM");
    expect(key.privateKey.asymmetricKeyType).toBe("x25519");
    expect(key.publicKeyDer).toHaveLength(44);
    for (const size of [16, 32, 1218]) {
      const material = randomBytes(size);
      const wrapped = sealTo(key, material, exportAad("Key-A", 2));
      expect(wrapped).toHaveLength(32 + 12 + size + 16);
      expect(openExport(key, wrapped, "key-a", 2)).toEqual(material);
    }
  });

  it("refuses another recipient, another key id or version, a changed byte and a short answer", async () => {
    const key = await createExportWrappingKey();
    const other = await createExportWrappingKey();
    const wrapped = sealTo(key, randomBytes(32), exportAad("k", 0));
    expect(() => openExport(other, wrapped, "k", 0)).toThrow();
    expect(() => openExport(key, wrapped, "k", 1)).toThrow();
    expect(() => openExport(key, wrapped, "other", 0)).toThrow();
    for (const at of [0, 33, 50, wrapped.length - 1]) {
      const changed = Buffer.from(wrapped);
      changed[at] = (changed[at] ?? 0) ^ 1;
      expect(() => openExport(key, changed, "k", 0)).toThrow();
    }
    expect(() => openExport(key, wrapped.subarray(0, 60), "k", 0)).toThrow();
  });
});
