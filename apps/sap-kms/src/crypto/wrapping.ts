import {
  constants,
  createCipheriv,
  createDecipheriv,
  type KeyObject,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
} from "node:crypto";

/**
 * The two wrapping algorithms of SAP's `/crypto/unwrap`, also used by the simulator's export:
 * - `OAEP_MGF1_SHA256`: RSA-OAEP (SHA-256, MGF1-SHA-256) of the material itself (small AES keys);
 * - `RSA_AES_WRAP_SHA256`: PKCS#11's CKM_RSA_AES_KEY_WRAP: RSA-OAEP-SHA256 of a fresh AES-256 key,
 *   followed by the material wrapped under that key with AES Key Wrap with Padding (RFC 5649).
 */
export const WRAPPING_ALGORITHMS = ["RSA_AES_WRAP_SHA256", "OAEP_MGF1_SHA256"] as const;
export type WrappingAlgorithm = (typeof WRAPPING_ALGORITHMS)[number];

const KWP_IV = Buffer.from("A65959A6", "hex");

function oaepEncrypt(publicKey: KeyObject, data: Buffer): Buffer {
  return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" }, data);
}

function oaepDecrypt(privateKey: KeyObject, data: Buffer): Buffer {
  return privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" }, data);
}

function modulusBytes(key: KeyObject): number {
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (key.asymmetricKeyType !== "rsa" || bits === undefined) throw new Error("wrapping key is not an RSA key");
  return Math.ceil(bits / 8);
}

export function wrap(algorithm: WrappingAlgorithm, publicKey: KeyObject, material: Buffer): Buffer {
  if (algorithm === "OAEP_MGF1_SHA256") return oaepEncrypt(publicKey, material);
  const aesKey = randomBytes(32);
  const cipher = createCipheriv("id-aes256-wrap-pad", aesKey, KWP_IV);
  const wrappedMaterial = Buffer.concat([cipher.update(material), cipher.final()]);
  return Buffer.concat([oaepEncrypt(publicKey, aesKey), wrappedMaterial]);
}

/** Throws when the ciphertext was not made for this private key or was changed. */
export function unwrap(algorithm: WrappingAlgorithm, privateKey: KeyObject, wrapped: Buffer): Buffer {
  if (algorithm === "OAEP_MGF1_SHA256") return oaepDecrypt(privateKey, wrapped);
  const split = modulusBytes(privateKey);
  if (wrapped.length <= split) throw new Error("wrapped key is too short");
  const aesKey = oaepDecrypt(privateKey, wrapped.subarray(0, split));
  if (aesKey.length !== 32) throw new Error("wrapped AES key has the wrong length");
  const decipher = createDecipheriv("id-aes256-wrap-pad", aesKey, KWP_IV);
  return Buffer.concat([decipher.update(wrapped.subarray(split)), decipher.final()]);
}
