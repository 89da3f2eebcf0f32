import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { CryptoError, type Keyring } from "./keyring.ts";

const ALGORITHM = "aes-256-gcm";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** What is stored: the data under a fresh data key (DEK), and the DEK wrapped under a KEK. */
export interface Sealed {
  ciphertext: Buffer;
  nonce: Buffer;
  tag: Buffer;
  /** nonce (12) ‖ DEK encrypted under the KEK (32) ‖ tag (16). */
  wrappedDek: Buffer;
  kekId: string;
}

function encrypt(key: Buffer, plaintext: Buffer, aad: Buffer) {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES }).setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, nonce, tag: cipher.getAuthTag() };
}

function decrypt(key: Buffer, ciphertext: Buffer, nonce: Buffer, tag: Buffer, aad: Buffer): Buffer {
  try {
    const decipher = createDecipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES }).setAAD(aad).setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new CryptoError("INTEGRITY_FAILED", "decryption failed: wrong key, wrong context or tampered data");
  }
}

const dekAad = (aad: string) => Buffer.from(`dek:${aad}`, "utf8");

/**
 * Envelope encryption with AES-256-GCM: a fresh 32-byte DEK encrypts the data, the current KEK
 * wraps the DEK. `aad` binds the ciphertext to its context (e.g. key id and version): sealed data
 * moved to another row does not open.
 */
export function seal(plaintext: Buffer, aad: string, keyring: Keyring): Sealed {
  const dek = randomBytes(32);
  try {
    const data = encrypt(dek, plaintext, Buffer.from(aad, "utf8"));
    const wrapped = encrypt(keyring.current.key, dek, dekAad(aad));
    return {
      ...data,
      wrappedDek: Buffer.concat([wrapped.nonce, wrapped.ciphertext, wrapped.tag]),
      kekId: keyring.current.id,
    };
  } finally {
    dek.fill(0);
  }
}

/** Opens what seal() made, with whichever KEK it names; throws CryptoError on any mismatch. */
export function open(sealed: Sealed, aad: string, keyring: Keyring): Buffer {
  const dek = unwrapDek(sealed, aad, keyring);
  try {
    return decrypt(dek, sealed.ciphertext, sealed.nonce, sealed.tag, Buffer.from(aad, "utf8"));
  } finally {
    dek.fill(0);
  }
}

/** The DEK of a sealed value, opened with the KEK it names; the caller zeroes it after use. */
function unwrapDek(sealed: Sealed, aad: string, keyring: Keyring): Buffer {
  const kek = keyring.byId(sealed.kekId);
  if (!kek) throw new CryptoError("KEK_UNKNOWN", `KEK ${sealed.kekId} is not in the keyring`);
  const w = sealed.wrappedDek;
  if (w.length !== NONCE_BYTES + 32 + TAG_BYTES) throw new CryptoError("INTEGRITY_FAILED", "malformed wrapped DEK");
  const nonce = w.subarray(0, NONCE_BYTES);
  return decrypt(kek.key, w.subarray(NONCE_BYTES, NONCE_BYTES + 32), nonce, w.subarray(-TAG_BYTES), dekAad(aad));
}

/** Re-wraps the DEK under the current KEK (rotation) without touching the data ciphertext. */
export function rewrap(sealed: Sealed, aad: string, keyring: Keyring): Sealed {
  const dek = unwrapDek(sealed, aad, keyring);
  try {
    const wrapped = encrypt(keyring.current.key, dek, dekAad(aad));
    return {
      ...sealed,
      wrappedDek: Buffer.concat([wrapped.nonce, wrapped.ciphertext, wrapped.tag]),
      kekId: keyring.current.id,
    };
  } finally {
    dek.fill(0);
  }
}

export function sha256Hex(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The AAD of one backed-up key version: the CCKM key id and the version number. */
export const backupAad = (cckmKeyId: string, version: number) => `sap-key-backup:v1:${cckmKeyId}:${version}`;

/** The AAD of a SAP connection's technical-user secret. */
export const connectionSecretAad = (connectionId: string) => `sap-connection-secret:v1:${connectionId}`;
