import { createPrivateKey, timingSafeEqual } from "node:crypto";
import type { KeyMaterial } from "@cckm/sap-kms-client";

/**
 * The secret part of a key's material, in one form whatever encoding SAP answered with: AES's raw
 * bytes; an RSA key's private exponent and modulus; an EC key's curve and private scalar (a PKCS#8
 * re-encoded by SAP, with or without its optional public key or attributes, is still the same key).
 */
function secretOf(m: KeyMaterial): Buffer {
  if (m.type === "AES") return m.material;
  const jwk = createPrivateKey({ key: m.material, format: "der", type: "pkcs8" }).export({ format: "jwk" });
  const parts = m.type === "RSA" ? [jwk.n, jwk.d] : [jwk.crv, jwk.d];
  return Buffer.from(parts.join("."), "utf8");
}

/** Whether two materials are the same key (type and secret), compared in constant time. */
export function sameKey(a: KeyMaterial, b: KeyMaterial): boolean {
  if (a.type !== b.type) return false;
  let x: Buffer;
  let y: Buffer;
  try {
    x = secretOf(a);
    y = secretOf(b);
  } catch {
    return false; // material that does not parse is no proof
  }
  const same = x.length === y.length && timingSafeEqual(x, y);
  if (a.type !== "AES") {
    x.fill(0);
    y.fill(0);
  }
  return same;
}
