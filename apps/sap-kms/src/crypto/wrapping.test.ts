import { createPublicKey, generateKeyPairSync, randomBytes } from "node:crypto";
import { createExportWrappingKey, openExport } from "@cckm/sap-kms-client";
import { describe, expect, it } from "vitest";
import { sealToX25519 } from "./export-wrapping.ts";
import { generateMaterial, inspectMaterial } from "./material.ts";
import { unwrap, wrap } from "./wrapping.ts";

const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const other = generateKeyPairSync("rsa", { modulusLength: 2048 });

describe("wrapping", () => {
  it("round-trips material with both algorithms", async () => {
    const aes = randomBytes(32);
    expect(unwrap("OAEP_MGF1_SHA256", privateKey, wrap("OAEP_MGF1_SHA256", publicKey, aes))).toEqual(aes);
    const rsa = (await generateMaterial({ type: "RSA", size: 2048 })).material;
    const wrapped = wrap("RSA_AES_WRAP_SHA256", publicKey, rsa);
    expect(wrapped.length).toBeGreaterThan(256 + rsa.length);
    expect(unwrap("RSA_AES_WRAP_SHA256", privateKey, wrapped)).toEqual(rsa);
  });

  it("fails for another private key or a changed ciphertext", () => {
    const wrapped = wrap("RSA_AES_WRAP_SHA256", publicKey, randomBytes(24));
    expect(() => unwrap("RSA_AES_WRAP_SHA256", other.privateKey, wrapped)).toThrow();
    const changed = Buffer.from(wrapped);
    changed[changed.length - 1] = (changed[changed.length - 1] ?? 0) ^ 1;
    expect(() => unwrap("RSA_AES_WRAP_SHA256", privateKey, changed)).toThrow();
    expect(() => unwrap("RSA_AES_WRAP_SHA256", privateKey, wrapped.subarray(0, 200))).toThrow();
  });
});

describe("export wrapping (ECDH_X25519_HKDF_SHA256_AES256_GCM)", () => {
  it("seals to the caller's X25519 key with a fresh ephemeral key each time; the client opens it", async () => {
    const caller = await createExportWrappingKey();
    const recipient = createPublicKey({ key: caller.publicKeyDer, format: "der", type: "spki" });
    const material = (await generateMaterial({ type: "EC", size: 256, curve: "P-256" })).material;
    const a = sealToX25519(recipient, material, "KEY-1", 3);
    const b = sealToX25519(recipient, material, "KEY-1", 3);
    expect(a.subarray(0, 32).equals(b.subarray(0, 32))).toBe(false); // a new ephemeral key per export
    expect(a.includes(material)).toBe(false);
    expect(openExport(caller, a, "key-1", 3)).toEqual(material);
    expect(() => openExport(caller, a, "key-1", 2)).toThrow();
    const stranger = await createExportWrappingKey();
    expect(() => openExport(stranger, b, "key-1", 3)).toThrow();
  });
});

describe("material", () => {
  it("is real: random AES bytes of the size, RSA and EC key pairs of the size and curve", async () => {
    const aes = await generateMaterial({ type: "AES", size: 192 });
    expect(aes).toMatchObject({ format: "RAW" });
    expect(aes.material).toHaveLength(24);
    const rsa = await generateMaterial({ type: "RSA", size: 3072 });
    expect(inspectMaterial("RSA", rsa.material)).toMatchObject({ type: "RSA", size: 3072, format: "PKCS8" });
    const ec = await generateMaterial({ type: "EC", size: 384, curve: "P-384" });
    expect(inspectMaterial("EC", ec.material)).toMatchObject({ size: 384, curve: "P-384", publicKey: ec.publicKey });
  });

  it("tells what imported material is, and refuses what it is not", async () => {
    const ec = await generateMaterial({ type: "EC", size: 256, curve: "P-256" });
    expect(inspectMaterial("RSA", ec.material)).toBeUndefined();
    expect(inspectMaterial("EC", randomBytes(32))).toBeUndefined();
    expect(inspectMaterial("AES", randomBytes(20))).toBeUndefined();
    expect(inspectMaterial("AES", randomBytes(16))).toMatchObject({ size: 128 });
  });
});
