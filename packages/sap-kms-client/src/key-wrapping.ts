import {
  constants,
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  type KeyObject,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
} from "node:crypto";
import type { WrappingAlgorithm } from "./schemas.ts";

const KWP_IV = Buffer.from("A65959A6", "hex"); // RFC 5649's alternative initial value

const oaep = (key: KeyObject) => ({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" });

/**
 * Wraps material under an RSA public key (SPKI DER): `OAEP_MGF1_SHA256` is RSA-OAEP-SHA256 of the
 * material; `RSA_AES_WRAP_SHA256` is RSA-OAEP-SHA256 of a fresh AES-256 key followed by the material
 * under AES Key Wrap with Padding (RFC 5649), as PKCS#11's CKM_RSA_AES_KEY_WRAP.
 */
export function wrapMaterial(algorithm: WrappingAlgorithm, publicKeyDer: Buffer, material: Buffer): Buffer {
  const publicKey = createPublicKey({ key: publicKeyDer, format: "der", type: "spki" });
  if (algorithm === "OAEP_MGF1_SHA256") return publicEncrypt(oaep(publicKey), material);
  const aesKey = randomBytes(32);
  try {
    const cipher = createCipheriv("id-aes256-wrap-pad", aesKey, KWP_IV);
    return Buffer.concat([publicEncrypt(oaep(publicKey), aesKey), cipher.update(material), cipher.final()]);
  } finally {
    aesKey.fill(0);
  }
}

/** Reverses `RSA_AES_WRAP_SHA256` with the private key; throws when the data was not made for it. */
export function unwrapRsaAes(privateKey: KeyObject, wrapped: Buffer): Buffer {
  const bits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
  const split = Math.ceil(bits / 8);
  if (split === 0 || wrapped.length <= split) throw new Error("wrapped material is too short");
  const aesKey = privateDecrypt(oaep(privateKey), wrapped.subarray(0, split));
  try {
    const decipher = createDecipheriv("id-aes256-wrap-pad", aesKey, KWP_IV);
    return Buffer.concat([decipher.update(wrapped.subarray(split)), decipher.final()]);
  } finally {
    aesKey.fill(0);
  }
}
