import { setTimeout as pause } from "node:timers/promises";
import { SapKmsError } from "@cckm/sap-kms-client";
import { liveProcesses } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SapKmsProcess, startSapKms, TEST_API_KEY, TEST_SECRET } from "./support/sap-kms-process.ts";

/** Polls `condition` until it holds (every 100 ms, at most `timeoutMs`). */
async function until(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await pause(100);
  }
}

async function rawToken(url: string): Promise<string> {
  const res = await fetch(`${url}/kms/v2/auth/request`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ apiKey: TEST_API_KEY, secret: TEST_SECRET }),
  });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

describe("sap-kms access tokens: expiry and refresh", () => {
  let sim: SapKmsProcess;
  let shortLived: SapKmsProcess;

  beforeAll(async () => {
    [sim, shortLived] = await Promise.all([startSapKms(), startSapKms({ env: { SAP_KMS_TOKEN_TTL_SECONDS: "2" } })]);
  });
  afterAll(async () => {
    await Promise.all([sim?.stop(), shortLived?.stop()]);
    expect(liveProcesses()).toBe(0);
  });

  it("logs in once for concurrent first calls", async () => {
    const client = sim.client();
    const before = await sim.admin.count("auth.request");
    await Promise.all([client.listGroups(), client.listKeys(), client.listGroups(), client.listKeys()]);
    expect(await sim.admin.count("auth.request")).toBe(before + 1);
  });

  it("a token expired by the server gets one 401, then the client logs in again and the call succeeds", async () => {
    const client = sim.client();
    await client.listGroups();
    await sim.admin.resetRequests();
    const logins = await sim.admin.count("auth.request");
    expect(await sim.admin.expireTokens()).toBeGreaterThan(0);
    expect((await client.listGroups()).length).toBe(3);
    expect(await sim.admin.count("auth.request")).toBe(logins + 1);
    const [groups] = await sim.admin.requests({ route: "groups.list" });
    expect(groups?.byStatus["401"]).toBe(1);
  });

  it("refreshes only once: a second 401 is UNAUTHORIZED", async () => {
    const client = sim.client();
    await client.listKeys();
    const logins = await sim.admin.count("auth.request");
    await sim.admin.setFaults([{ route: "keys.get", status: 401 }]);
    const error = await client.getKey("00000000-0000-4000-8000-000000000000").catch((e: unknown) => e);
    await sim.admin.clearFaults();
    expect(error).toBeInstanceOf(SapKmsError);
    expect(error).toMatchObject({ code: "UNAUTHORIZED", retryable: false, operation: "keys.get" });
    expect(await sim.admin.count("auth.request")).toBe(logins + 1);
  });

  it("tokens expire after SAP_KMS_TOKEN_TTL_SECONDS (401 TOKEN_EXPIRED)", async () => {
    const token = await rawToken(shortLived.url);
    const groups = () => fetch(`${shortLived.url}/kms/v2/groups`, { headers: { authorization: `Bearer ${token}` } });
    expect((await groups()).status).toBe(200);
    await until(async () => (await groups()).status === 401);
    expect(await (await groups()).json()).toMatchObject({ error: { code: "TOKEN_EXPIRED" } });
  });

  it("the client refreshes a short-lived token before it expires, never hitting a 401", async () => {
    await shortLived.admin.resetRequests();
    const client = shortLived.client();
    await client.listGroups();
    const logins = await shortLived.admin.count("auth.request");
    await until(async () => {
      await client.listGroups();
      return (await shortLived.admin.count("auth.request")) >= logins + 2;
    });
    const [groups] = await shortLived.admin.requests({ route: "groups.list" });
    expect(groups?.byStatus["401"]).toBeUndefined();
  });
});
