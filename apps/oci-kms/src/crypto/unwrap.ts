import { constants, createDecipheriv, createPrivateKey, type KeyObject, privateDecrypt } from "node:crypto";

export const WRAPPING_ALGORITHMS = ["RSA_OAEP_SHA256", "RSA_OAEP_AES_SHA256"] as const;
export type WrappingAlgorithm = (typeof WRAPPING_ALGORITHMS)[number];

/** RFC 5649's alternative initial value (AES Key Wrap with Padding). */
const KWP_IV = Buffer.from("A65959A6", "hex");

const oaep = (key: KeyObject) => ({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" });

/**
 * Undoes what an importer did with the vault's wrapping public key:
 * - `RSA_OAEP_SHA256`: RSA-OAEP (SHA-256, MGF1-SHA-256) of the material itself;
 * - `RSA_OAEP_AES_SHA256`: RSA-OAEP-SHA-256 of a temporary AES key (one modulus long), then the
 *   material under that key with AES Key Wrap with Padding (RFC 5649): CKM_RSA_AES_KEY_WRAP.
 * Throws when the data was not wrapped for this key.
 */
export function unwrapMaterial(wrappingPrivateKeyPem: string, algorithm: WrappingAlgorithm, wrapped: Buffer): Buffer {
  const privateKey = createPrivateKey(wrappingPrivateKeyPem);
  if (algorithm === "RSA_OAEP_SHA256") return privateDecrypt(oaep(privateKey), wrapped);
  const split = Math.ceil((privateKey.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
  if (split === 0 || wrapped.length <= split) throw new Error("wrapped material is too short");
  const aesKey = privateDecrypt(oaep(privateKey), wrapped.subarray(0, split));
  try {
    const cipherName = { 16: "id-aes128-wrap-pad", 24: "id-aes192-wrap-pad", 32: "id-aes256-wrap-pad" }[aesKey.length];
    if (cipherName === undefined) throw new Error("the temporary key is not an AES key");
    const decipher = createDecipheriv(cipherName, aesKey, KWP_IV);
    return Buffer.concat([decipher.update(wrapped.subarray(split)), decipher.final()]);
  } finally {
    aesKey.fill(0);
  }
}
