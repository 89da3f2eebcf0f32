import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../simulator.ts";
import { DEMO_TENANCY } from "../store/demo-user.ts";
import { demoClient, demoVault, startTestSimulator } from "./harness.ts";

const ROOT = DEMO_TENANCY.tenancyId;

describe("listing through Oracle's SDK (vaults, keys, versions; all pages)", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startTestSimulator();
  });
  afterAll(async () => {
    await sim.close();
  });

  const requests = (route: string) => sim.ctx.counter.list({ route }).reduce((n, c) => n + c.total, 0);

  it("lists every vault over pages of one, each pointing back at the simulator", async () => {
    const client = demoClient(sim, { pageSize: 1 });
    sim.ctx.counter.reset();
    const vaults = await client.listVaults(ROOT);
    expect(vaults.map((v) => v.displayName).sort()).toEqual(["demo-default-vault", "demo-private-vault"]);
    expect(requests("vaults.list")).toBe(2);
    expect(vaults.map((v) => v.vaultType).sort()).toEqual(["DEFAULT", "VIRTUAL_PRIVATE"]);
    for (const vault of vaults) {
      expect(vault.lifecycleState).toBe("ACTIVE");
      expect(vault.managementEndpoint).toBe(`${sim.url}/vaults/${vault.id}/management`);
      expect(vault.id).toMatch(/^ocid1\.vault\.oc1\.iad\.[a-z2-7]{60}$/);
      const full = await client.getVault(vault.id);
      expect(full).toMatchObject({ id: vault.id, displayName: vault.displayName, compartmentId: ROOT });
      expect(full.wrappingkeyId).toMatch(/^ocid1\.key\.oc1\.iad\./);
    }
  });

  it("lists the keys of a vault and compartment over pages, with their algorithm and protection mode", async () => {
    const client = demoClient(sim, { pageSize: 2 });
    const vault = await demoVault(client, "demo-default-vault");
    sim.ctx.counter.reset();
    const keys = await client.listKeys(vault.managementEndpoint, ROOT);
    expect(requests("keys.list")).toBe(3); // 5 keys, pages of 2
    expect(
      Object.fromEntries(keys.map((k) => [k.displayName, [k.algorithm, k.protectionMode, k.lifecycleState]])),
    ).toEqual({
      "demo-aes-256": ["AES", "SOFTWARE", "ENABLED"],
      "demo-rsa-2048": ["RSA", "SOFTWARE", "ENABLED"],
      "demo-ecdsa-p256": ["ECDSA", "HSM", "ENABLED"],
      "demo-aes-disabled": ["AES", "HSM", "DISABLED"],
      "demo-aes-pending-deletion": ["AES", "HSM", "PENDING_DELETION"],
    });
    expect(keys.every((k) => k.vaultId === vault.id && k.compartmentId === ROOT)).toBe(true);
    const apps = await client.listKeys(vault.managementEndpoint, DEMO_TENANCY.appsCompartmentId);
    expect(apps.map((k) => k.displayName)).toEqual(["apps-aes-128"]);
    const rsa = await client.listKeys(vault.managementEndpoint, ROOT, { algorithm: "RSA" });
    expect(rsa.map((k) => k.displayName)).toEqual(["demo-rsa-2048"]);
    const hsm = await client.listKeys(vault.managementEndpoint, ROOT, { protectionMode: "HSM" });
    expect(hsm).toHaveLength(3);
  });

  it("reads a key and lists its versions over pages, in their states", async () => {
    const client = demoClient(sim, { pageSize: 1 });
    const vault = await demoVault(client, "demo-default-vault");
    const summary = (await client.listKeys(vault.managementEndpoint, ROOT)).find(
      (k) => k.displayName === "demo-aes-256",
    );
    const key = await client.getKey(vault.managementEndpoint, summary?.id ?? "");
    expect(key).toMatchObject({ displayName: "demo-aes-256", keyShape: { algorithm: "AES", length: 32 } });
    expect(key.freeformTags).toEqual({ purpose: "demo" });
    sim.ctx.counter.reset();
    const versions = await client.listKeyVersions(vault.managementEndpoint, key.id);
    expect(requests("versions.list")).toBe(3);
    expect(versions.map((v) => v.lifecycleState).sort()).toEqual(["ENABLED", "ENABLED", "PENDING_DELETION"]);
    expect(versions.every((v) => v.keyId === key.id && v.origin === "INTERNAL")).toBe(true);
    const current = await client.getKeyVersion(vault.managementEndpoint, key.id, key.currentKeyVersion);
    expect(current).toMatchObject({ id: key.currentKeyVersion, lifecycleState: "ENABLED", isPrimary: true });
    const pending = versions.find((v) => v.lifecycleState === "PENDING_DELETION");
    expect(pending?.timeOfDeletion).toBeDefined();
  });

  it("answers RSA and ECDSA versions with their public key, and ECDSA keys with their curve", async () => {
    const client = demoClient(sim);
    const vault = await demoVault(client, "demo-default-vault");
    const keys = await client.listKeys(vault.managementEndpoint, ROOT);
    for (const name of ["demo-rsa-2048", "demo-ecdsa-p256"]) {
      const key = await client.getKey(vault.managementEndpoint, keys.find((k) => k.displayName === name)?.id ?? "");
      const version = await client.getKeyVersion(vault.managementEndpoint, key.id, key.currentKeyVersion);
      expect(version.publicKey).toContain("BEGIN PUBLIC KEY");
      if (name === "demo-ecdsa-p256")
        expect(key.keyShape).toEqual({ algorithm: "ECDSA", length: 32, curveId: "NIST_P256" });
    }
  });

  it("serves each region at its own vault endpoint; the root is the default region's", async () => {
    const phoenix = demoClient(sim, { region: "us-phoenix-1" });
    expect(await phoenix.listVaults(ROOT)).toEqual([]);
    const root = demoClient(sim, { endpoints: { vault: sim.url } });
    expect(await root.listVaults(ROOT)).toHaveLength(2);
    const [vault] = await root.listVaults(ROOT);
    await expect(phoenix.getVault(vault?.id ?? "")).rejects.toMatchObject({ code: "NOT_FOUND", transient: false });
  });

  it("answers NotAuthorizedOrNotFound for a compartment or vault outside the caller's tenancy", async () => {
    const client = demoClient(sim);
    const foreign = "ocid1.compartment.oc1..aaaaaaaanotoursnotoursnotoursnotoursnotoursnotoursnotours";
    await expect(client.listVaults(foreign)).rejects.toMatchObject({
      code: "NOT_FOUND",
      serviceCode: "NotAuthorizedOrNotFound",
      status: 404,
      transient: false,
    });
    const vault = await demoVault(client, "demo-default-vault");
    const wrongVault = vault.managementEndpoint.replace(vault.id, "ocid1.vault.oc1.iad.nosuchvault");
    await expect(client.listKeys(wrongVault, ROOT)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
