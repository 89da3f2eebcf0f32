import { createHash, generateKeyPairSync, randomBytes } from "node:crypto";
import { type OciKmsClient, wrapKeyMaterial } from "@cckm/oci-kms-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../simulator.ts";
import { DEMO_TENANCY } from "../store/demo-user.ts";
import { admin, demoClient, demoVault, startTestSimulator } from "./harness.ts";

const ROOT = DEMO_TENANCY.tenancyId;
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

describe("BYOK: importing a key version wrapped under the vault's wrapping key", () => {
  let sim: RunningSimulator;
  let client: OciKmsClient;
  let endpoint: string;
  beforeAll(async () => {
    sim = await startTestSimulator();
    client = demoClient(sim);
    endpoint = (await demoVault(client, "demo-default-vault")).managementEndpoint;
  });
  afterAll(async () => {
    client.close();
    await sim.close();
  });

  const fingerprintOf = async (keyId: string, versionId: string) => {
    const answer = await admin<{ fingerprint: string; algorithm: string }>(
      sim,
      "GET",
      `/keys/${keyId}/versions/${versionId}/fingerprint`,
    );
    expect(answer.status).toBe(200);
    return answer.body.fingerprint;
  };

  const enabledKey = async (algorithm: "AES" | "RSA" | "ECDSA", length: number) => {
    const key = await client.createKey(endpoint, {
      compartmentId: ROOT,
      displayName: `byok-${algorithm}-${length}`,
      algorithm,
      length,
      ...(algorithm === "ECDSA" ? { curveId: "NIST_P256" as const } : {}),
      protectionMode: "SOFTWARE",
    });
    return client.getKey(endpoint, key.id);
  };

  it("answers the vault's RSA wrapping public key", async () => {
    const wrappingKey = await client.getWrappingKey(endpoint);
    expect(wrappingKey.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(wrappingKey).toMatchObject({ lifecycleState: "ENABLED" });
    expect(wrappingKey.id).toBe((await client.getVault(wrappingKey.vaultId)).wrappingkeyId);
  });

  it("imports AES material wrapped with RSA-OAEP-SHA256; the simulator holds exactly that material", async () => {
    const key = await enabledKey("AES", 32);
    const material = randomBytes(32);
    const version = await client.importKeyVersionMaterial(endpoint, key.id, { algorithm: "AES", material });
    expect(version).toMatchObject({ keyId: key.id, origin: "EXTERNAL", lifecycleState: "CREATING" });
    expect((await client.getKeyVersion(endpoint, key.id, version.id)).lifecycleState).toBe("ENABLED");
    expect((await client.getKey(endpoint, key.id)).currentKeyVersion).toBe(version.id);
    expect(await fingerprintOf(key.id, version.id)).toBe(sha256(material));
    const native = (await client.listKeyVersions(endpoint, key.id)).find((v) => v.id !== version.id);
    expect(await fingerprintOf(key.id, native?.id ?? "")).not.toBe(sha256(material));
  });

  it("imports an RSA private key (PKCS#8) with the RSA_OAEP_AES_SHA256 envelope", async () => {
    const key = await enabledKey("RSA", 256);
    const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const material = pair.privateKey.export({ format: "der", type: "pkcs8" });
    const wrappingKey = await client.getWrappingKey(endpoint);
    const wrapped = wrapKeyMaterial(wrappingKey.publicKey, material, "RSA_OAEP_AES_SHA256");
    const version = await client.importKeyVersion(endpoint, key.id, wrapped);
    expect(await fingerprintOf(key.id, version.id)).toBe(sha256(material));
    const stored = await client.getKeyVersion(endpoint, key.id, version.id);
    expect(stored.publicKey).toBe(pair.publicKey.export({ format: "pem", type: "spki" }).toString());
  });

  it("refuses material that does not fit the key, or was wrapped for another key, with InvalidParameter", async () => {
    const key = await enabledKey("AES", 32);
    const wrappingKey = await client.getWrappingKey(endpoint);
    const short = wrapKeyMaterial(wrappingKey.publicKey, randomBytes(16), "RSA_OAEP_SHA256");
    await expect(client.importKeyVersion(endpoint, key.id, short)).rejects.toMatchObject({
      code: "INVALID_PARAMETER",
      transient: false,
    });
    const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({
      format: "pem",
      type: "spki",
    });
    const foreign = wrapKeyMaterial(stranger.toString(), randomBytes(32), "RSA_OAEP_SHA256");
    await expect(client.importKeyVersion(endpoint, key.id, foreign)).rejects.toMatchObject({
      code: "INVALID_PARAMETER",
    });
    const rsa = await enabledKey("RSA", 256);
    const wrongSize = generateKeyPairSync("rsa", { modulusLength: 3072 }).privateKey.export({
      format: "der",
      type: "pkcs8",
    });
    await expect(
      client.importKeyVersionMaterial(endpoint, rsa.id, { algorithm: "RSA", material: wrongSize }),
    ).rejects.toMatchObject({ code: "INVALID_PARAMETER" });
    const ecdsa = await enabledKey("ECDSA", 32);
    const anything = wrapKeyMaterial(wrappingKey.publicKey, randomBytes(32), "RSA_OAEP_SHA256");
    await expect(client.importKeyVersion(endpoint, ecdsa.id, anything)).rejects.toMatchObject({
      code: "INVALID_PARAMETER",
    });
    expect(await client.listKeyVersions(endpoint, key.id)).toHaveLength(1);
  });

  it("refuses an import into a key that is not ENABLED with IncorrectState", async () => {
    const key = await enabledKey("AES", 16);
    await client.disableKey(endpoint, key.id);
    await expect(
      client.importKeyVersionMaterial(endpoint, key.id, { algorithm: "AES", material: randomBytes(16) }),
    ).rejects.toMatchObject({ code: "INCORRECT_STATE" });
  });

  it("never answers material: the admin fingerprint is a hash, and an unknown version is a 404", async () => {
    const [key] = await client.listKeys(endpoint, ROOT, { algorithm: "AES" });
    const full = await client.getKey(endpoint, key?.id ?? "");
    const answer = await admin<Record<string, string>>(
      sim,
      "GET",
      `/keys/${full.id}/versions/${full.currentKeyVersion}/fingerprint`,
    );
    expect(Object.keys(answer.body).sort()).toEqual(["algorithm", "fingerprint", "format", "keyId", "keyVersionId"]);
    expect(answer.body.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect((await admin(sim, "GET", `/keys/${full.id}/versions/nope/fingerprint`)).status).toBe(404);
  });
});
