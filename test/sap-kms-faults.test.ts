import { type SapKmsClient, SapKmsError } from "@cckm/sap-kms-client";
import { liveProcesses } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SapKmsProcess, startSapKms, TEST_API_KEY, TEST_SECRET } from "./support/sap-kms-process.ts";

/** "ok" or the error code of each call, in order. */
async function outcomes(count: number, call: () => Promise<unknown>): Promise<string[]> {
  const results: string[] = [];
  for (let i = 0; i < count; i++) {
    results.push(
      await call().then(
        () => "ok",
        (e: unknown) => (e instanceof SapKmsError ? `${e.code}:${e.status}` : String(e)),
      ),
    );
  }
  return results;
}

async function keyIdOf(client: SapKmsClient, name: string): Promise<string> {
  const [key] = await client.listKeys({ name });
  if (key === undefined) throw new Error(`no key ${name}`);
  return key.id;
}

describe("sap-kms fault injection", () => {
  const envFaults = { SAP_KMS_FAULTS: "keys.get:errorRate=0.5,status=500" };
  let seeded: SapKmsProcess;
  let sameSeed: SapKmsProcess;
  let otherSeed: SapKmsProcess;
  let flagged: SapKmsProcess;

  beforeAll(async () => {
    [seeded, sameSeed, otherSeed, flagged] = await Promise.all([
      startSapKms({ env: { ...envFaults, SAP_KMS_SEED: "42" } }),
      startSapKms({ env: { ...envFaults, SAP_KMS_SEED: "42" } }),
      startSapKms({ env: { ...envFaults, SAP_KMS_SEED: "43" } }),
      startSapKms({ args: ["--fault", "keys.delete:status=503,times=1,after", "--seed", "7"] }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([seeded, sameSeed, otherSeed, flagged].map((s) => s?.stop()));
    expect(liveProcesses()).toBe(0);
  });

  it("an error rate from SAP_KMS_FAULTS makes the same choices for the same seed", async () => {
    const run = async (sim: SapKmsProcess) => {
      const client = sim.client();
      const id = await keyIdOf(client, "hr-data-aes");
      return outcomes(24, () => client.getKey(id));
    };
    const [a, b, c] = await Promise.all([run(seeded), run(sameSeed), run(otherSeed)]);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(new Set(a)).toEqual(new Set(["ok", "SERVER_ERROR:500"]));
    expect((await seeded.admin.listFaults())[0]).toMatchObject({ route: "keys.get", errorRate: 0.5, status: 500 });
  });

  it("replacing the rules through the admin route starts the sequence afresh", async () => {
    const client = seeded.client();
    const id = await keyIdOf(client, "hr-data-aes");
    await seeded.admin.setFaults([{ route: "keys.get", errorRate: 0.5, seed: 9 }]);
    const first = await outcomes(12, () => client.getKey(id));
    await seeded.admin.setFaults([{ route: "keys.get", errorRate: 0.5, seed: 9 }]);
    expect(await outcomes(12, () => client.getKey(id))).toEqual(first);
    expect(first).toContain("SERVER_ERROR:503");
    await seeded.admin.clearFaults();
  });

  it("an error `after` the work (from --fault): the key is deleted, the answer lost; the retry is NOT_FOUND", async () => {
    const client = flagged.client();
    const id = await keyIdOf(client, "analytics-aes-192");
    expect(await outcomes(2, () => client.deleteKey(id))).toEqual(["SERVER_ERROR:503", "NOT_FOUND:404"]);
    expect(await flagged.admin.requests({ route: "keys.delete", keyId: id })).toEqual([
      { route: "keys.delete", keyId: id, total: 2, byStatus: { "503": 1, "404": 1 } },
    ]);
  });

  it("latency delays the answer (a shorter client timeout gives up) and is named in X-Sim-Faults", async () => {
    const sim = otherSeed;
    await sim.admin.setFaults([{ route: "groups.list", latencyMs: 600 }]);
    expect(await outcomes(1, () => sim.client({ timeoutMs: 150 }).listGroups())).toEqual(["TIMEOUT:undefined"]);
    expect((await sim.client({ timeoutMs: 10_000 }).listGroups()).length).toBe(3);
    const res = await fetch(`${sim.url}/kms/v2/groups`);
    expect([res.status, res.headers.get("x-sim-faults")]).toEqual([401, "f1"]);
    await sim.admin.clearFaults();
  });

  it("a hang never answers; with `after` the work is done anyway", async () => {
    const sim = sameSeed;
    const client = sim.client({ timeoutMs: 300 });
    const id = await keyIdOf(client, "finance-master-aes");
    await sim.admin.setFaults([{ route: "versions.create", hangRate: 1, after: true, times: 1 }]);
    expect(await outcomes(1, () => client.createVersion(id))).toEqual(["TIMEOUT:undefined"]);
    expect((await client.getKey(id)).meta.totalVersions).toBe(4);
    await sim.admin.setFaults([{ route: "versions.create", hangRate: 1, times: 1 }]);
    expect(await outcomes(2, () => client.createVersion(id))).toEqual(["TIMEOUT:undefined", "ok"]);
    expect((await client.getKey(id)).meta.totalVersions).toBe(5);
    expect((await sim.admin.listFaults())[0]?.used).toBe(1);
  });

  it("429 with Retry-After above a request rate, per key when asked", async () => {
    const sim = sameSeed;
    const client = sim.client();
    const [a, b] = [await keyIdOf(client, "hr-token-ec"), await keyIdOf(client, "hr-data-aes")];
    await sim.admin.setFaults([{ route: "keys.get", keyId: a, rateLimit: 2, windowMs: 60_000, retryAfterSeconds: 3 }]);
    expect(await outcomes(4, () => client.getKey(a))).toEqual(["ok", "ok", "RATE_LIMITED:429", "RATE_LIMITED:429"]);
    expect(await outcomes(3, () => client.getKey(b))).toEqual(["ok", "ok", "ok"]);
    const error = await client.getKey(a).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "RATE_LIMITED", retryable: true, retryAfterMs: 3000 });
    await sim.admin.clearFaults();
  });

  it("admin routes need the admin token and refuse bad rules with a 400", async () => {
    const sim = seeded;
    expect((await fetch(`${sim.url}/admin/faults`)).status).toBe(401);
    const login = await fetch(`${sim.url}/kms/v2/auth/request`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ apiKey: TEST_API_KEY, secret: TEST_SECRET }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const withTenantToken = await fetch(`${sim.url}/admin/faults`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(withTenantToken.status).toBe(401);
    const bad = [
      { route: "keys.nothing", status: 500 },
      { route: "keys.get" },
      { route: "keys.get", errorRate: 2 },
      { route: "keys.get", status: 200 },
      { route: "keys.get", status: 500, colour: "red" },
    ];
    for (const rule of bad) {
      const answer = await sim.admin.call("POST", "/faults", rule);
      expect([JSON.stringify(rule), answer.status]).toEqual([JSON.stringify(rule), 400]);
    }
    const added = await sim.admin.addFault({ route: "keys.list", status: 500 });
    expect((await sim.admin.call("DELETE", `/faults/${added.id}`)).status).toBe(204);
    expect((await sim.admin.call("DELETE", `/faults/${added.id}`)).status).toBe(404);
    expect(await sim.admin.listFaults()).toEqual([]);
  });
});
