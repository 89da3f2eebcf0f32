import { createPrivateKey, createPublicKey, generateKeyPair, randomBytes } from "node:crypto";
import { promisify } from "node:util";
import type { CurveId, KeyAlgorithm } from "../store/records.ts";

const generateKeyPairAsync = promisify(generateKeyPair);

/** The key shapes OCI accepts; `length` in bytes. */
export const AES_LENGTHS = [16, 24, 32] as const;
export const RSA_LENGTHS = [256, 384, 512] as const;
export const CURVES: Record<CurveId, { length: number; nodeName: string }> = {
  NIST_P256: { length: 32, nodeName: "prime256v1" },
  NIST_P384: { length: 48, nodeName: "secp384r1" },
  NIST_P521: { length: 66, nodeName: "secp521r1" },
};

export interface KeyShape {
  algorithm: KeyAlgorithm;
  length: number;
  curveId?: CurveId;
}

/** Checks a requested shape; the message says what is wrong (the caller answers 400 InvalidParameter). */
export function shapeProblem(shape: KeyShape): string | undefined {
  const { algorithm, length, curveId } = shape;
  if (algorithm === "AES" || algorithm === "RSA") {
    if (curveId !== undefined) return `keyShape.curveId applies to ECDSA keys only, not ${algorithm}`;
    const lengths: readonly number[] = algorithm === "AES" ? AES_LENGTHS : RSA_LENGTHS;
    if (!lengths.includes(length)) return `keyShape.length of an ${algorithm} key must be one of ${lengths.join(", ")}`;
    return undefined;
  }
  if (curveId === undefined) return "keyShape.curveId is required for ECDSA keys";
  if (CURVES[curveId].length !== length) return `keyShape.length of a ${curveId} key must be ${CURVES[curveId].length}`;
  return undefined;
}

export interface Material {
  /** Raw bytes for AES; a PKCS#8 DER private key for RSA and ECDSA. */
  material: Buffer;
  /** SPKI PEM, for RSA and ECDSA. */
  publicKeyPem?: string;
}

/** Fresh material for a (checked) shape. */
export async function generateMaterial(shape: KeyShape): Promise<Material> {
  if (shape.algorithm === "AES") return { material: randomBytes(shape.length) };
  const pair =
    shape.algorithm === "RSA"
      ? await generateKeyPairAsync("rsa", { modulusLength: shape.length * 8 })
      : await generateKeyPairAsync("ec", { namedCurve: CURVES[shape.curveId ?? "NIST_P256"].nodeName });
  return {
    material: pair.privateKey.export({ format: "der", type: "pkcs8" }),
    publicKeyPem: pair.publicKey.export({ format: "pem", type: "spki" }).toString(),
  };
}

/**
 * Checks imported material against the key's shape: AES bytes of the key's length, or an RSA PKCS#8
 * private key of the key's modulus. Returns it with its public key, or a message saying what is wrong.
 */
export function importedMaterial(shape: KeyShape, material: Buffer): Material | string {
  if (shape.algorithm === "AES") {
    return material.length === shape.length
      ? { material }
      : `the unwrapped AES key has ${material.length} bytes; the key's length is ${shape.length}`;
  }
  if (shape.algorithm === "ECDSA") return "ECDSA key material cannot be imported";
  try {
    const privateKey = createPrivateKey({ key: material, format: "der", type: "pkcs8" });
    const bits = privateKey.asymmetricKeyDetails?.modulusLength;
    if (privateKey.asymmetricKeyType !== "rsa" || bits !== shape.length * 8) {
      return `the unwrapped key is not an RSA-${shape.length * 8} private key`;
    }
    const publicKeyPem = createPublicKey(privateKey).export({ format: "pem", type: "spki" }).toString();
    return { material, publicKeyPem };
  } catch {
    return "the unwrapped key material is not a PKCS#8 private key";
  }
}
