import { createCipheriv, diffieHellman, generateKeyPairSync, hkdfSync, type KeyObject, randomBytes } from "node:crypto";

/**
 * The export route's default wrap (ours; SAP documents no export): `ECDH_X25519_HKDF_SHA256_AES256_GCM`.
 * Per export a fresh X25519 key pair is agreed with the caller's static X25519 public key; the
 * AES-256 key is HKDF-SHA-256(shared secret, salt = ephemeral raw ‖ static raw, info), and the material
 * is sealed with AES-256-GCM under a random nonce, with `<keyId lower-case>/<version>` as AAD. The answer
 * is `ephemeral raw public key (32) ‖ nonce (12) ‖ ciphertext ‖ tag (16)`.
 */
export const ECDH_EXPORT = "ECDH_X25519_HKDF_SHA256_AES256_GCM";
const INFO = "cckm-sap-kms-export-v1";

// The raw 32 bytes through a JWK: OpenSSL's SPKI DER encoder costs ≈ 30× more per export.
const rawOf = (publicKey: KeyObject): Buffer => Buffer.from(publicKey.export({ format: "jwk" }).x ?? "", "base64url");
/** Callers reuse one static key for many exports: its raw bytes once per key object. */
const recipientRaw = new WeakMap<KeyObject, Buffer>();
const rawOfRecipient = (recipient: KeyObject): Buffer => {
  const known = recipientRaw.get(recipient);
  if (known) return known;
  const raw = rawOf(recipient);
  recipientRaw.set(recipient, raw);
  return raw;
};

export function sealToX25519(recipient: KeyObject, material: Buffer, keyId: string, version: number): Buffer {
  const ephemeral = generateKeyPairSync("x25519");
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient });
  const ephemeralRaw = rawOf(ephemeral.publicKey);
  const salt = Buffer.concat([ephemeralRaw, rawOfRecipient(recipient)]);
  const kek = Buffer.from(hkdfSync("sha256", shared, salt, INFO, 32));
  shared.fill(0);
  try {
    const nonce = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", kek, nonce);
    cipher.setAAD(Buffer.from(`${keyId.toLowerCase()}/${version}`, "utf8"));
    const sealed = Buffer.concat([cipher.update(material), cipher.final()]);
    return Buffer.concat([ephemeralRaw, nonce, sealed, cipher.getAuthTag()]);
  } finally {
    kek.fill(0);
  }
}
