import { createLogger } from "@cckm/log";
import { afterAll, describe, expect, it } from "vitest";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "./simulator.ts";

const base: SimulatorOptions = {
  host: "127.0.0.1",
  port: 0,
  seed: 1,
  apiKey: "unit-user",
  secret: "unit-secret",
  adminToken: "unit-admin-token-0123456789",
  tokenTtlSeconds: 60,
  faults: [],
  logger: createLogger("sap-kms-test", "silent"),
};

async function token(sim: RunningSimulator): Promise<string> {
  const res = await fetch(`${sim.url}/kms/v2/auth/request`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ apiKey: "unit-user", secret: "unit-secret" }),
  });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function groupIds(sim: RunningSimulator): Promise<string[]> {
  const res = await fetch(`${sim.url}/kms/v2/groups`, { headers: { authorization: `Bearer ${await token(sim)}` } });
  return ((await res.json()) as { value: Array<{ id: string }> }).value.map((g) => g.id);
}

describe("simulator instances (in process)", () => {
  const running: RunningSimulator[] = [];
  const start = async (options: Partial<SimulatorOptions> = {}) => {
    const sim = await startSimulator({ ...base, ...options });
    running.push(sim);
    return sim;
  };
  afterAll(async () => {
    await Promise.all(running.map((s) => s.close()));
  });

  it("run side by side, each with its own tenant; demo ids follow the seed", async () => {
    const [a, b, c] = await Promise.all([start(), start(), start({ seed: 2 })]);
    expect(new Set([a.port, b.port, c.port]).size).toBe(3);
    expect(await groupIds(a)).toEqual(await groupIds(b));
    expect(await groupIds(c)).not.toEqual(await groupIds(a));
    const res = await fetch(`${a.url}/admin/groups`, {
      method: "POST",
      headers: { authorization: `Bearer ${base.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "only-in-a" }),
    });
    expect(res.status).toBe(201);
    expect((await groupIds(a)).length).toBe(4);
    expect((await groupIds(b)).length).toBe(3);
    expect(await token(b)).not.toBe(await token(a));
  });

  it("closes at once even while a request hangs", async () => {
    const sim = await startSimulator({ ...base, faults: [{ route: "groups.list", hangRate: 1 }] });
    const hung = fetch(`${sim.url}/kms/v2/groups`).then(
      (r) => r.status,
      (e: Error) => e.name,
    );
    while (sim.ctx.counter.list({ route: "groups.list" }).length === 0) await new Promise((r) => setImmediate(r));
    await sim.close();
    expect(await hung).toBe("TypeError"); // the socket was closed under it
  });
});
