import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { KeyMaterial } from "@cckm/sap-kms-client";
import { describe, expect, it } from "vitest";
import { sameKey } from "./same-key.ts";

const pkcs8 = (k: ReturnType<typeof generateKeyPairSync>["privateKey"]) =>
  k.export({ format: "der", type: "pkcs8" }) as Buffer;

describe("sameKey", () => {
  it("tells AES material by its bytes", () => {
    const bytes = randomBytes(32);
    const a: KeyMaterial = { type: "AES", format: "RAW", material: Buffer.from(bytes) };
    expect(sameKey(a, { ...a, material: Buffer.from(bytes) })).toBe(true);
    expect(sameKey(a, { ...a, material: randomBytes(32) })).toBe(false);
  });

  // Compared by the key's secret (RSA n and d, EC curve and d), not the PKCS#8 bytes SAP answers with.
  it("knows an RSA or EC key again by its secret, and tells another key or a non-key apart", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    const ecAgain = Buffer.from(pkcs8(ec));
    const rsaMaterial: KeyMaterial = { type: "RSA", format: "PKCS8", material: pkcs8(rsa) };
    const ecMaterial: KeyMaterial = { type: "EC", format: "PKCS8", material: pkcs8(ec) };
    expect(sameKey(rsaMaterial, { ...rsaMaterial, material: Buffer.from(pkcs8(rsa)) })).toBe(true);
    expect(sameKey(ecMaterial, { ...ecMaterial, material: ecAgain })).toBe(true);
    const otherEc = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    expect(sameKey(ecMaterial, { ...ecMaterial, material: pkcs8(otherEc) })).toBe(false);
    expect(sameKey(rsaMaterial, ecMaterial)).toBe(false);
    expect(sameKey(rsaMaterial, { ...rsaMaterial, material: Buffer.from("not a key") })).toBe(false);
  });
});
