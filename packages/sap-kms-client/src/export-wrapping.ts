import {
  createDecipheriv,
  createPublicKey,
  diffieHellman,
  generateKeyPair,
  hkdfSync,
  type KeyObject,
} from "node:crypto";
import { promisify } from "node:util";
import { unwrapRsaAes } from "./key-wrapping.ts";

const generateKeyPairAsync = promisify(generateKeyPair);

/**
 * How the export route wraps material for the caller (the route is ours: SAP documents none):
 * - `ECDH_X25519_HKDF_SHA256_AES256_GCM` (the default): an ephemeral-static X25519 agreement per
 *   export, HKDF-SHA-256 over it, the material under AES-256-GCM bound to key id and version;
 * - `RSA_AES_WRAP_SHA256`: the RSA-OAEP + AES-KWP wrap of SAP's import, about 30× the CPU to open.
 */
export const EXPORT_ALGORITHMS = ["ECDH_X25519_HKDF_SHA256_AES256_GCM", "RSA_AES_WRAP_SHA256"] as const;
export type ExportAlgorithm = (typeof EXPORT_ALGORITHMS)[number];

/** A key pair of this process that SAP wraps exported material to; the private half never leaves memory. */
export interface ExportWrappingKey {
  algorithm: ExportAlgorithm;
  /** SubjectPublicKeyInfo DER, sent with each export. */
  publicKeyDer: Buffer;
  privateKey: KeyObject;
}

/** The HKDF `info` of the ECDH export wrap (the protocol's version lives here). */
export const ECDH_EXPORT_INFO = "cckm-sap-kms-export-v1";
const RAW = 32; // an X25519 public key
const NONCE = 12;
const TAG = 16;

/** The 32 raw bytes of an X25519 public key given as SPKI DER. */
export const x25519Raw = (spkiDer: Buffer): Buffer => spkiDer.subarray(spkiDer.length - RAW);

/** The AAD that binds a wrapped export to its key and version: `<keyId lower-case>/<version>`. */
export const exportAad = (keyId: string, version: number): Buffer =>
  Buffer.from(`${keyId.toLowerCase()}/${version}`, "utf8");

/**
 * The AES-256 key of one export: HKDF-SHA-256 over the X25519 shared secret, salted with the
 * ephemeral and the static public key (raw, in that order), `info` ECDH_EXPORT_INFO.
 */
export function exportKek(shared: Buffer, ephemeralRaw: Buffer, staticRaw: Buffer): Buffer {
  const salt = Buffer.concat([ephemeralRaw, staticRaw]);
  return Buffer.from(hkdfSync("sha256", shared, salt, ECDH_EXPORT_INFO, 32));
}

/** A fresh wrapping key: X25519 unless asked for RSA-3072 (the old, costly wrap). */
export async function createExportWrappingKey(
  algorithm: ExportAlgorithm = "ECDH_X25519_HKDF_SHA256_AES256_GCM",
): Promise<ExportWrappingKey> {
  const { publicKey, privateKey } =
    algorithm === "RSA_AES_WRAP_SHA256"
      ? await generateKeyPairAsync("rsa", { modulusLength: 3072 })
      : await generateKeyPairAsync("x25519");
  return { algorithm, publicKeyDer: publicKey.export({ format: "der", type: "spki" }), privateKey };
}

/**
 * Opens `ephemeral public key (32) ‖ nonce (12) ‖ ciphertext ‖ tag (16)` with the static private key;
 * throws when it was not made for this key, for this key id and version, or was changed.
 */
function openEcdh(wrappingKey: ExportWrappingKey, wrapped: Buffer, aad: Buffer): Buffer {
  if (wrapped.length <= RAW + NONCE + TAG) throw new Error("wrapped material is too short");
  const ephemeralRaw = wrapped.subarray(0, RAW);
  // From a JWK, not SPKI DER: the same key, without OpenSSL's DER decoder (≈ 0.01 ms instead of ≈ 0.1 ms).
  const ephemeral = createPublicKey({
    key: { kty: "OKP", crv: "X25519", x: ephemeralRaw.toString("base64url") },
    format: "jwk",
  });
  const shared = diffieHellman({ privateKey: wrappingKey.privateKey, publicKey: ephemeral });
  const kek = exportKek(shared, ephemeralRaw, x25519Raw(wrappingKey.publicKeyDer));
  shared.fill(0);
  try {
    const decipher = createDecipheriv("aes-256-gcm", kek, wrapped.subarray(RAW, RAW + NONCE));
    decipher.setAAD(aad);
    decipher.setAuthTag(wrapped.subarray(wrapped.length - TAG));
    return Buffer.concat([decipher.update(wrapped.subarray(RAW + NONCE, wrapped.length - TAG)), decipher.final()]);
  } finally {
    kek.fill(0);
  }
}

/** Opens what the export route answered under `wrappingKey` for `keyId`'s `version`. */
export function openExport(wrappingKey: ExportWrappingKey, wrapped: Buffer, keyId: string, version: number): Buffer {
  if (wrappingKey.algorithm === "RSA_AES_WRAP_SHA256") return unwrapRsaAes(wrappingKey.privateKey, wrapped);
  return openEcdh(wrappingKey, wrapped, exportAad(keyId, version));
}
