import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/** One backed-up version: AES-256-GCM under a fresh data key, the data key under the KEK (GCM too). */
export interface SealedVersion {
  ciphertext: Buffer;
  nonce: Buffer;
  tag: Buffer;
  /** nonce (12) ‖ encrypted data key (32) ‖ tag (16). */
  wrappedDek: Buffer;
}

function gcm(key: Buffer, plaintext: Buffer, aad: Buffer) {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, nonce, tag: cipher.getAuthTag() };
}

function ungcm(key: Buffer, ciphertext: Buffer, nonce: Buffer, tag: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv("aes-256-gcm", key, nonce);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

export function seal(kek: Buffer, material: Buffer, aad: string): SealedVersion {
  const dek = randomBytes(32);
  const bound = Buffer.from(aad, "utf8");
  const data = gcm(dek, material, bound);
  const wrapped = gcm(kek, dek, bound);
  dek.fill(0);
  return { ...data, wrappedDek: Buffer.concat([wrapped.nonce, wrapped.ciphertext, wrapped.tag]) };
}

export function open(kek: Buffer, sealed: SealedVersion, aad: string): Buffer {
  const bound = Buffer.from(aad, "utf8");
  const w = sealed.wrappedDek;
  const dek = ungcm(kek, w.subarray(12, 44), w.subarray(0, 12), w.subarray(44), bound);
  try {
    return ungcm(dek, sealed.ciphertext, sealed.nonce, sealed.tag, bound);
  } finally {
    dek.fill(0);
  }
}

export const sha256Hex = (data: Buffer) => createHash("sha256").update(data).digest("hex");
