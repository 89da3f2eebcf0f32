import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, admin, demoClient, demoVault, startTestSimulator } from "./e2e/harness.ts";
import type { RunningSimulator } from "./simulator.ts";
import { DEMO_TENANCY } from "./store/demo-user.ts";

const ROOT = DEMO_TENANCY.tenancyId;

describe("simulator instances (in process)", () => {
  const running: RunningSimulator[] = [];
  const dir = mkdtempSync(join(tmpdir(), "oci-kms-test-"));
  const start = async (options: Parameters<typeof startTestSimulator>[0] = {}) => {
    const sim = await startTestSimulator(options);
    running.push(sim);
    return sim;
  };
  afterAll(async () => {
    await Promise.all(running.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers /healthz, and unknown paths with 404 NotFound (never NotAuthorizedOrNotFound)", async () => {
    const sim = await start();
    expect(await (await fetch(`${sim.url}/healthz`)).json()).toEqual({ status: "ok" });
    const res = await fetch(`${sim.url}/20180608/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: "NotFound" });
  });

  it("refuses a body that is not JSON with 400 InvalidParameter, not a 500", async () => {
    const sim = await start();
    const res = await fetch(`${sim.url}/vaults/x/management/20180608/keys`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "InvalidParameter" });
  });

  it("keeps admin routes behind the admin token", async () => {
    const sim = await start();
    expect((await fetch(`${sim.url}/admin/faults`)).status).toBe(401);
    const wrong = await fetch(`${sim.url}/admin/faults`, {
      headers: { authorization: "Bearer wrong-token-0123456789" },
    });
    expect(wrong.status).toBe(401);
    expect((await admin(sim, "GET", "/faults")).status).toBe(200);
    expect(ADMIN_TOKEN).not.toBe("");
  });

  it("run side by side; demo ids follow the seed, the demo tenancy's do not", async () => {
    const [a, b, c] = await Promise.all([start(), start(), start({ seed: 2 })]);
    const ids = async (sim: RunningSimulator) => (await demoClient(sim).listVaults(ROOT)).map((v) => v.id).sort();
    expect(await ids(a)).toEqual(await ids(b));
    expect(await ids(c)).not.toEqual(await ids(a));
    expect(await ids(c)).toHaveLength(2);
  });

  it("keeps its state in the state file (owner-only) and restores it, key material and wrapping keys included", async () => {
    const stateFile = join(dir, "state.json");
    const first = await start({ stateFile });
    expect(first.restored).toBe(false);
    const client = demoClient(first);
    const { managementEndpoint, id: vaultId } = await demoVault(client, "demo-default-vault");
    const key = await client.createKey(managementEndpoint, {
      compartmentId: ROOT,
      displayName: "persisted",
      algorithm: "AES",
      length: 32,
    });
    const wrapping = await client.getWrappingKey(managementEndpoint);
    const fingerprint = (await admin(first, "GET", `/keys/${key.id}/versions/${key.currentKeyVersion}/fingerprint`))
      .body;
    await first.close();
    expect(statSync(stateFile).mode & 0o777).toBe(0o600);

    const second = await start({ stateFile });
    expect(second.restored).toBe(true);
    const again = demoClient(second);
    const endpoint = (await again.getVault(vaultId)).managementEndpoint;
    expect(await again.getKey(endpoint, key.id)).toMatchObject({ displayName: "persisted", lifecycleState: "ENABLED" });
    expect((await again.getWrappingKey(endpoint)).publicKey).toBe(wrapping.publicKey);
    expect((await admin(second, "GET", `/keys/${key.id}/versions/${key.currentKeyVersion}/fingerprint`)).body).toEqual(
      fingerprint,
    );
  });

  it("creates vaults in other regions through the admin route; each region's endpoint lists its own", async () => {
    const sim = await start();
    const created = await admin<{ id: string; managementEndpoint: string }>(sim, "POST", "/vaults", {
      tenancyId: ROOT,
      displayName: "phoenix-vault",
      region: "us-phoenix-1",
      vaultType: "VIRTUAL_PRIVATE",
    });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^ocid1\.vault\.oc1\.phx\./);
    const phoenix = demoClient(sim, { region: "us-phoenix-1" });
    expect((await phoenix.listVaults(ROOT)).map((v) => v.displayName)).toEqual(["phoenix-vault"]);
    expect(await phoenix.listKeys(created.body.managementEndpoint, ROOT)).toEqual([]);
    expect(await demoClient(sim).listVaults(ROOT)).toHaveLength(2);
  });

  it("ends every transitional state at once through POST /admin/settle", async () => {
    const sim = await start({ transitionDelayMs: 3_600_000 });
    const client = demoClient(sim);
    const { managementEndpoint } = await demoVault(client, "demo-default-vault");
    const key = await client.createKey(managementEndpoint, {
      compartmentId: ROOT,
      displayName: "slow",
      algorithm: "AES",
      length: 16,
    });
    expect((await client.getKey(managementEndpoint, key.id)).lifecycleState).toBe("CREATING");
    expect((await admin(sim, "POST", "/settle")).body).toEqual({ settled: 1 });
    expect((await client.getKey(managementEndpoint, key.id)).lifecycleState).toBe("ENABLED");
  });
});
