import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject, randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { CURVE_NAMES, CURVES, type KeySpec } from "../store/key-spec.ts";
import type { MaterialFormat } from "../store/records.ts";

const generateKeyPairAsync = promisify(generateKeyPair);

export interface Material {
  material: Buffer;
  format: MaterialFormat;
  publicKey?: Buffer;
}

function fromPrivateKey(privateKey: KeyObject): Material {
  return {
    material: privateKey.export({ format: "der", type: "pkcs8" }),
    format: "PKCS8",
    publicKey: createPublicKey(privateKey).export({ format: "der", type: "spki" }),
  };
}

/** Fresh material for a key version: random bytes for AES, a new key pair for RSA and EC. */
export async function generateMaterial(spec: KeySpec): Promise<Material> {
  if (spec.type === "AES") return { material: randomBytes(spec.size / 8), format: "RAW" };
  if (spec.type === "RSA") {
    const { privateKey } = await generateKeyPairAsync("rsa", { modulusLength: spec.size });
    return fromPrivateKey(privateKey);
  }
  const curve = spec.curve ?? "P-256";
  const { privateKey } = await generateKeyPairAsync("ec", { namedCurve: CURVES[curve].nodeName });
  return fromPrivateKey(privateKey);
}

/**
 * What imported material is: AES material is raw bytes of 16, 24 or 32; RSA and EC material is a
 * PKCS#8 DER private key. Returns its spec and public key, or undefined when it is neither.
 */
export function inspectMaterial(type: KeySpec["type"], material: Buffer): (KeySpec & Material) | undefined {
  if (type === "AES") {
    return [16, 24, 32].includes(material.length)
      ? { type, size: material.length * 8, material, format: "RAW" }
      : undefined;
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: material, format: "der", type: "pkcs8" });
  } catch {
    return undefined;
  }
  const details = privateKey.asymmetricKeyDetails ?? {};
  if (type === "RSA" && privateKey.asymmetricKeyType === "rsa" && details.modulusLength !== undefined) {
    return { type, size: details.modulusLength, ...fromPrivateKey(privateKey), material };
  }
  if (type === "EC" && privateKey.asymmetricKeyType === "ec") {
    const curve = CURVE_NAMES.find((c) => CURVES[c].nodeName === details.namedCurve);
    if (curve !== undefined) return { type, size: CURVES[curve].size, curve, ...fromPrivateKey(privateKey), material };
  }
  return undefined;
}
