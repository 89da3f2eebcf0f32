import { constants, createCipheriv, createPublicKey, type KeyObject, publicEncrypt, randomBytes } from "node:crypto";
import type { OciWrappedMaterial, OciWrappingAlgorithm } from "./models.ts";

/** RFC 5649's alternative initial value: AES Key Wrap with Padding. */
const KWP_IV = Buffer.from("A65959A6", "hex");

const oaep = (key: KeyObject) => ({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" });

/** Material to import into OCI: raw bytes for AES, a PKCS#8 DER private key for RSA. */
export interface ImportMaterial {
  algorithm: "AES" | "RSA";
  material: Buffer;
}

/**
 * OCI's choice per key type (Vault docs, "Importing keys and key versions"): AES material is wrapped
 * directly with RSA-OAEP (SHA-256); an RSA private key (PKCS#8) is too long for that and goes with a
 * temporary AES key (RSA_OAEP_AES_SHA256). ECDSA keys cannot be imported into OCI.
 */
export const wrappingAlgorithmFor = (algorithm: ImportMaterial["algorithm"]): OciWrappingAlgorithm =>
  algorithm === "AES" ? "RSA_OAEP_SHA256" : "RSA_OAEP_AES_SHA256";

/**
 * Wraps material under a vault's RSA wrapping public key (PEM), base64 as `keyMaterial` wants it:
 * - `RSA_OAEP_SHA256`: RSA-OAEP with SHA-256 (and MGF1-SHA-256) of the material;
 * - `RSA_OAEP_AES_SHA256`: RSA-OAEP-SHA-256 of a fresh AES-256 key, followed by the material under that
 *   key with AES Key Wrap with Padding (RFC 5649), as PKCS#11's CKM_RSA_AES_KEY_WRAP.
 */
export function wrapKeyMaterial(
  wrappingPublicKeyPem: string,
  material: Buffer,
  algorithm: OciWrappingAlgorithm,
): OciWrappedMaterial {
  const publicKey = createPublicKey({ key: wrappingPublicKeyPem, format: "pem" });
  if (algorithm === "RSA_OAEP_SHA256") {
    return { keyMaterial: publicEncrypt(oaep(publicKey), material).toString("base64"), wrappingAlgorithm: algorithm };
  }
  const aesKey = randomBytes(32);
  try {
    const cipher = createCipheriv("id-aes256-wrap-pad", aesKey, KWP_IV);
    const wrapped = Buffer.concat([publicEncrypt(oaep(publicKey), aesKey), cipher.update(material), cipher.final()]);
    return { keyMaterial: wrapped.toString("base64"), wrappingAlgorithm: algorithm };
  } finally {
    aesKey.fill(0);
  }
}
