import { createHash, createPrivateKey } from "node:crypto";
import {
  createExportWrappingKey,
  type ExportWrappingKey,
  type Key,
  openExport,
  type SapKmsClient,
  SapKmsError,
  type SapKmsLogger,
} from "@cckm/sap-kms-client";
import { liveProcesses } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SapKmsProcess, startSapKms, TEST_SECRET } from "./support/sap-kms-process.ts";

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

async function rejection(promise: Promise<unknown>): Promise<SapKmsError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SapKmsError) return error;
    throw error;
  }
  throw new Error("expected a SapKmsError");
}

describe("sap-kms client against the simulator (every route, over HTTP)", () => {
  let sim: SapKmsProcess;
  let client: SapKmsClient;
  let wrappingKey: ExportWrappingKey;
  const logLines: string[] = [];
  const logger: SapKmsLogger = {
    debug: (fields, message) => logLines.push(JSON.stringify({ ...fields, message })),
    warn: (fields, message) => logLines.push(JSON.stringify({ ...fields, message })),
  };
  const secrets: string[] = [TEST_SECRET];

  beforeAll(async () => {
    sim = await startSapKms({ env: { LOG_LEVEL: "debug" } });
    client = sim.client({ logger });
    wrappingKey = await createExportWrappingKey();
  });
  afterAll(async () => {
    await sim?.stop();
    expect(liveProcesses()).toBe(0);
  });

  async function group(name: string) {
    const [g] = await client.listGroups({ name });
    if (g === undefined) throw new Error(`no group ${name}`);
    return g;
  }

  it("logs in and lists the demo tenant's groups with OData options", async () => {
    await client.login();
    const all = await client.listAllGroups({ pageSize: 1, expandKeystore: true });
    expect(all.map((g) => g.name)).toEqual(["demo-finance", "demo-hr", "demo-analytics"]);
    expect(all.map((g) => g.keystore?.provider)).toEqual(["AWS", "AZURE", "GCP"]);
    const hr = await group("demo-hr");
    expect(await client.listGroups({ id: hr.id })).toEqual([expect.objectContaining({ id: hr.id, name: "demo-hr" })]);
    expect((await client.listGroups({ top: 1, skip: 1 })).map((g) => g.name)).toEqual(["demo-hr"]);
    expect((await client.listGroups({ id: hr.id }))[0]?.keystore).toBeUndefined();
    expect(await client.listGroups({ name: "no-such-group" })).toEqual([]);
  });

  it("lists keys by group and gets one, in SAP's shape", async () => {
    const finance = await group("demo-finance");
    const keys = await client.listAllKeys({ groupId: finance.id, pageSize: 2 });
    expect(keys.map((k) => k.name).sort()).toEqual(["finance-hsm-aes", "finance-master-aes", "finance-signing-rsa"]);
    const master = keys.find((k) => k.name === "finance-master-aes") as Key;
    expect(master).toMatchObject({
      type: "AES",
      size: 256,
      groupId: finance.id,
      enabled: true,
      exportable: true,
      state: "ENABLED",
      keystoreContext: { provider: "AWS" },
      meta: { primaryVersion: 2, totalVersions: 3 },
    });
    expect(await client.getKey(master.id)).toEqual(master);
    expect((await client.listKeys({ groupId: finance.id, name: "finance-hsm-aes" }))[0]?.exportable).toBe(false);
    expect((await client.listVersions(master.id)).map((v) => [v.version, v.primary])).toEqual([
      [0, false],
      [1, false],
      [2, true],
    ]);
  });

  it("creates keys of every type, adds versions numbered from 0, and deletes them (a retry is NOT_FOUND)", async () => {
    const hr = await group("demo-hr");
    const aes = await client.createKey({ name: "c-aes", groupId: hr.id, type: "AES", size: 128, exportable: true });
    const rsa = await client.createKey({
      name: "c-rsa",
      groupId: hr.id,
      type: "RSA",
      size: 3072,
      role: "SAC_MASTER_KEY",
    });
    const ec = await client.createKey({ name: "c-ec", groupId: hr.id, type: "EC", curve: "P-521" });
    expect([aes.size, rsa.size, ec.size, ec.curve]).toEqual([128, 3072, 521, "P-521"]);
    expect(rsa.role).toBe("SAC_MASTER_KEY");
    expect(aes.meta).toMatchObject({ primaryVersion: 0, totalVersions: 1 });
    const v1 = await client.createVersion(rsa.id);
    expect(v1).toMatchObject({ keyId: rsa.id, version: 1, primary: true });
    expect((await client.getKey(rsa.id)).meta).toMatchObject({ primaryVersion: 1, totalVersions: 2 });
    const [pk0, pk1] = [await client.getPublicKey(rsa.id, 0), await client.getPublicKey(rsa.id, 1)];
    expect(pk0.equals(pk1)).toBe(false); // a new version is a new key pair

    for (const k of [aes, rsa, ec]) await client.deleteKey(k.id);
    const again = await rejection(client.deleteKey(aes.id));
    expect(again).toMatchObject({ code: "NOT_FOUND", status: 404, retryable: false, serverCode: "NOT_FOUND" });
    expect((await rejection(client.getKey(rsa.id))).code).toBe("NOT_FOUND");
    expect(await sim.admin.requests({ route: "keys.delete", keyId: aes.id })).toEqual([
      { route: "keys.delete", keyId: aes.id, total: 2, byStatus: { "204": 1, "404": 1 } },
    ]);
  });

  it("exports every version of exportable keys of each type; the material is what the simulator holds", async () => {
    const keys = await client.listAllKeys();
    for (const name of ["finance-master-aes", "finance-signing-rsa", "hr-token-ec", "analytics-ec-p384"]) {
      const key = keys.find((k) => k.name === name) as Key;
      const exported = await client.exportAllVersions(key.id, wrappingKey);
      expect(exported.map((e) => e.version)).toEqual([...Array(key.meta.totalVersions).keys()]);
      for (const e of exported) {
        expect(sha256(e.material)).toBe(await sim.admin.fingerprint(key.id, e.version));
        secrets.push(e.material.toString("base64"), e.material.toString("hex"));
        if (e.format === "PKCS8") {
          const details = createPrivateKey({ key: e.material, format: "der", type: "pkcs8" });
          expect(details.asymmetricKeyType).toBe(key.type === "RSA" ? "rsa" : "ec");
        } else {
          expect(e.material.length * 8).toBe(key.size);
        }
      }
    }
  });

  it("exports under X25519 (the default) or RSA_AES_WRAP_SHA256; a key of the other kind is refused", async () => {
    expect(wrappingKey.algorithm).toBe("ECDH_X25519_HKDF_SHA256_AES256_GCM");
    const rsa = await createExportWrappingKey("RSA_AES_WRAP_SHA256");
    const [key] = await client.listKeys({ name: "finance-signing-rsa" });
    if (key === undefined) throw new Error("no finance-signing-rsa");
    const viaEcdh = await client.exportVersionMaterial(key.id, 1, wrappingKey);
    const viaRsa = await client.exportVersionMaterial(key.id, 1, rsa);
    expect(sha256(viaEcdh.material)).toBe(await sim.admin.fingerprint(key.id, 1));
    expect(sha256(viaRsa.material)).toBe(sha256(viaEcdh.material));
    const answer = await client.exportVersion(key.id, 1, wrappingKey);
    expect(answer.algorithm).toBe("ECDH_X25519_HKDF_SHA256_AES256_GCM");
    expect(Buffer.from(answer.wrappedKey, "base64").includes(viaEcdh.material)).toBe(false);
    for (const mismatch of [
      { algorithm: wrappingKey.algorithm, publicKeyDer: rsa.publicKeyDer },
      { algorithm: rsa.algorithm, publicKeyDer: wrappingKey.publicKeyDer },
    ]) {
      const refused = await rejection(client.exportVersion(key.id, 1, mismatch));
      expect(refused).toMatchObject({ code: "BAD_REQUEST", status: 400, serverCode: "INVALID_WRAPPING_KEY" });
    }
    // What the simulator sealed for version 1 does not open as version 0 (the AAD binds key and version).
    const sealed = Buffer.from(answer.wrappedKey, "base64");
    expect(() => openExport(wrappingKey, sealed, key.id, 0)).toThrow();
    expect(openExport(wrappingKey, sealed, key.id, 1)).toEqual(viaEcdh.material);
    secrets.push(viaEcdh.material.toString("base64"), viaEcdh.material.toString("hex"));
  });

  it("refuses to export a non-exportable key with NOT_EXPORTABLE", async () => {
    const [hsm] = await client.listKeys({ name: "finance-hsm-aes" });
    const error = await rejection(client.exportVersionMaterial(hsm?.id ?? "", 0, wrappingKey));
    expect(error).toMatchObject({
      code: "NOT_EXPORTABLE",
      status: 403,
      retryable: false,
      serverCode: "KEY_NOT_EXPORTABLE",
    });
  });

  it("backs up, deletes and restores keys of each type through /crypto/unwrap with the same material", async () => {
    const analytics = await group("demo-analytics");
    const importKey = await client.ensureImportKey(analytics.id);
    expect(await client.ensureImportKey(analytics.id)).toEqual(importKey); // found, not created twice
    for (const spec of [
      { name: "r-aes", type: "AES", size: 192 },
      { name: "r-rsa", type: "RSA", size: 2048 },
      { name: "r-ec", type: "EC", curve: "P-384" },
    ] as const) {
      const original = await client.createKey({
        ...spec,
        groupId: analytics.id,
        exportable: true,
        description: "orig",
      });
      await client.createVersion(original.id);
      await client.createVersion(original.id);
      const before = await Promise.all([0, 1, 2].map((v) => sim.admin.fingerprint(original.id, v)));

      const backup = await client.exportAllVersions(original.id, wrappingKey);
      await client.deleteKey(original.id);

      const [first, ...rest] = backup;
      if (first === undefined) throw new Error("no versions");
      const restored = await client.importNewKey({
        importKey,
        material: first,
        target: {
          name: original.name,
          groupId: analytics.id,
          type: original.type,
          description: "orig",
          operations: original.operations,
          exportable: true,
        },
      });
      expect(await client.listAllKeys({ groupId: analytics.id, name: spec.name })).toEqual([restored]);
      for (const version of rest) await client.importVersion({ importKey, material: version, keyId: restored.id });

      const after = await client.getKey(restored.id);
      expect(after).toMatchObject({
        name: spec.name,
        type: spec.type,
        size: original.size,
        meta: { totalVersions: 3 },
      });
      expect(after.curve).toBe(original.curve);
      expect(await Promise.all([0, 1, 2].map((v) => sim.admin.fingerprint(restored.id, v)))).toEqual(before);
      expect((await client.listVersions(restored.id)).map((v) => v.meta?.imported)).toEqual([true, true, true]);
    }
  });

  it("imports straight through unwrap with either wrapping algorithm", async () => {
    const hr = await group("demo-hr");
    const importKey = await client.ensureImportKey(hr.id, "contract-kek");
    const aes = await client.createKey({ name: "u-aes", groupId: hr.id, type: "AES", exportable: true });
    const [material] = await client.exportAllVersions(aes.id, wrappingKey);
    if (material === undefined) throw new Error("no material");
    const copy = await client.importNewKey({
      importKey,
      material,
      target: { name: "u-aes-copy", groupId: hr.id, type: "AES" },
    });
    expect(copy).toMatchObject({ type: "AES", size: 256, exportable: false, enabled: true });
    expect(await sim.admin.fingerprint(copy.id, 0)).toBe(await sim.admin.fingerprint(aes.id, 0));
    const wrongType = await rejection(
      client.importVersion({ importKey, material: { ...material, type: "AES" }, keyId: importKey.keyId }),
    );
    expect(wrongType).toMatchObject({ code: "BAD_REQUEST", serverCode: "MATERIAL_MISMATCH" });
  });

  it("never logs the secret, an access token or key material", async () => {
    expect(logLines.length).toBeGreaterThan(20);
    const clientLog = logLines.join("\n");
    const serverLog = sim.process.output();
    expect(serverLog).toContain('"msg":"request"');
    for (const secret of secrets) {
      expect(clientLog).not.toContain(secret);
      expect(serverLog).not.toContain(secret);
    }
    expect(clientLog).not.toMatch(/eyJ[\w-]+\.eyJ/); // no JWT
    expect(serverLog).not.toMatch(/eyJ[\w-]+\.eyJ/);
  });
});
