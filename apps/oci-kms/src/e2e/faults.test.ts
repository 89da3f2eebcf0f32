import { createServer } from "node:net";
import type { OciKmsClient } from "@cckm/oci-kms-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../simulator.ts";
import { DEMO_TENANCY } from "../store/demo-user.ts";
import { admin, demoClient, demoVault, startTestSimulator } from "./harness.ts";

const ROOT = DEMO_TENANCY.tenancyId;

describe("faults: transient failures are retried within the bound, then fail clearly", () => {
  let sim: RunningSimulator;
  let client: OciKmsClient;
  let endpoint: string;
  let keyId: string;
  beforeAll(async () => {
    sim = await startTestSimulator();
    client = demoClient(sim);
    endpoint = (await demoVault(client, "demo-default-vault")).managementEndpoint;
    keyId = (await client.listKeys(endpoint, ROOT, { algorithm: "RSA" }))[0]?.id ?? "";
  });
  afterEach(async () => {
    expect((await admin(sim, "DELETE", "/faults")).status).toBe(204);
    sim.ctx.counter.reset();
  });
  afterAll(async () => {
    client.close();
    await sim.close();
  });

  const received = (route: string) => sim.ctx.counter.list({ route }).reduce((n, c) => n + c.total, 0);

  it("retries 5xx answers and succeeds when they stop", async () => {
    expect((await admin(sim, "POST", "/faults", { route: "keys.get", status: 503, times: 2 })).status).toBe(201);
    const key = await client.getKey(endpoint, keyId);
    expect(key.id).toBe(keyId);
    expect(received("keys.get")).toBe(3);
  });

  it("gives up after maxAttempts on lasting 5xx: SERVER_ERROR, transient, with the attempts made", async () => {
    await admin(sim, "POST", "/faults", { route: "keys.get", status: 500 });
    const error = await client.getKey(endpoint, keyId).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "OciKmsError",
      code: "SERVER_ERROR",
      serviceCode: "InternalServerError",
      status: 500,
      transient: true,
      attempts: 3,
    });
    expect((error as Error).message).toMatch(/^keys\.get: injected fault: status 500 \(after 3 attempts\)$/);
    expect(received("keys.get")).toBe(3);
  });

  it("treats 429 as transient (RATE_LIMITED) and honours a client without retries", async () => {
    await admin(sim, "PUT", "/faults", { faults: [{ route: "*", rateLimit: 0, retryAfterSeconds: 1 }] });
    const once = demoClient(sim, { retry: { maxAttempts: 1 } });
    await expect(once.listVaults(ROOT)).rejects.toMatchObject({
      code: "RATE_LIMITED",
      serviceCode: "TooManyRequests",
      status: 429,
      transient: true,
      attempts: 1,
    });
    expect(received("vaults.list")).toBe(1);
    await expect(client.listVaults(ROOT)).rejects.toMatchObject({ code: "RATE_LIMITED", attempts: 3 });
    expect(received("vaults.list")).toBe(4);
  });

  it("faults from the start options apply until the admin route clears them", async () => {
    const faulty = await startTestSimulator({ faults: [{ route: "vaults.list", status: 503 }] });
    try {
      await expect(demoClient(faulty).listVaults(ROOT)).rejects.toMatchObject({
        code: "SERVER_ERROR",
        serviceCode: "ServiceUnavailable",
      });
      expect((await admin(faulty, "GET", "/faults")).body).toMatchObject({ faults: [{ id: "f1", used: 3 }] });
      await admin(faulty, "DELETE", "/faults/f1");
      expect(await demoClient(faulty).listVaults(ROOT)).toHaveLength(2);
    } finally {
      await faulty.close();
    }
  });

  it("times out a request that is never answered (TIMEOUT, transient), attempt by attempt", async () => {
    await admin(sim, "POST", "/faults", { route: "keys.get", hangRate: 1 });
    const impatient = demoClient(sim, { timeoutMs: 200, retry: { maxAttempts: 2, baseDelayMs: 0 } });
    await expect(impatient.getKey(endpoint, keyId)).rejects.toMatchObject({
      code: "TIMEOUT",
      transient: true,
      attempts: 2,
    });
    expect(received("keys.get")).toBe(2);
  });

  it("a lost answer of an action is retried with the same opc-retry-token and answered as the first", async () => {
    const key = await client.createKey(endpoint, {
      compartmentId: ROOT,
      displayName: "lost",
      algorithm: "AES",
      length: 32,
    });
    await client.getKey(endpoint, key.id);
    await admin(sim, "POST", "/faults", { route: "keys.disable", status: 502, after: true, times: 1 });
    const disabling = await client.disableKey(endpoint, key.id);
    expect(disabling.lifecycleState).toBe("DISABLING");
    expect(received("keys.disable")).toBe(2);
    expect((await client.getKey(endpoint, key.id)).lifecycleState).toBe("DISABLED");
  });

  it("a connection refused is NETWORK, transient", async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const nowhere = demoClient(sim, {
      endpoints: { vault: `http://127.0.0.1:${closed}` },
      retry: { maxAttempts: 2, baseDelayMs: 0 },
    });
    await expect(nowhere.listVaults(ROOT)).rejects.toMatchObject({ code: "NETWORK", transient: true, attempts: 2 });
  });
});
