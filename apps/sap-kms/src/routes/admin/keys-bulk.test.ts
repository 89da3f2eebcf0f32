import { createLogger } from "@cckm/log";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../simulator.ts";

const ADMIN = "unit-admin-token-0123456789";

describe("POST /admin/keys/bulk and GET /admin/requests/arrivals (in process, over HTTP)", () => {
  let sim: RunningSimulator;
  let tenantToken: string;
  let groupId: string;
  const admin = (method: string, path: string, body?: unknown, token = ADMIN) =>
    fetch(`${sim.url}/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const tenant = (path: string) =>
    fetch(`${sim.url}/kms/v2${path}`, { headers: { authorization: `Bearer ${tenantToken}` } });
  const keysOf = async (group: string) => {
    const res = await tenant(`/keys?$filter=${encodeURIComponent(`groupId eq '${group}'`)}&$top=1000`);
    return ((await res.json()) as { value: Array<{ name: string; type: string; exportable: boolean }> }).value;
  };

  beforeAll(async () => {
    sim = await startSimulator({
      host: "127.0.0.1",
      port: 0,
      seed: 1,
      apiKey: "unit-user",
      secret: "unit-secret",
      adminToken: ADMIN,
      tokenTtlSeconds: 60,
      faults: [],
      logger: createLogger("sap-kms-test", "silent"),
    });
    const login = await fetch(`${sim.url}/kms/v2/auth/request`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ apiKey: "unit-user", secret: "unit-secret" }),
    });
    tenantToken = ((await login.json()) as { accessToken: string }).accessToken;
    groupId = ((await (await admin("POST", "/groups", { name: "bulk" })).json()) as { id: string }).id;
  });
  afterAll(async () => {
    await sim.close();
  });

  const key = () => ({ groupId, type: "AES", size: 256, exportable: true });

  it("makes count keys in one call, each as POST /kms/v2/keys makes it", async () => {
    const res = await admin("POST", "/keys/bulk", { key: key(), namePrefix: "seed", count: 250 });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { groupId: string; created: number; ids: string[] };
    expect(body).toMatchObject({ groupId, created: 250 });
    expect(new Set(body.ids).size).toBe(250);
    const listed = await keysOf(groupId);
    expect(listed).toHaveLength(250);
    expect(new Set(listed.map((k) => k.name))).toEqual(new Set(Array.from({ length: 250 }, (_, i) => `seed-${i}`)));
    expect(listed.every((k) => k.type === "AES" && k.exportable)).toBe(true);
    const exportable = await tenant(`/keys/${body.ids[0]}/versions`);
    expect(exportable.status).toBe(200);
  });

  it("is all or nothing: a name taken in the group is a 409 and no key is stored", async () => {
    const before = (await keysOf(groupId)).length;
    const res = await admin("POST", "/keys/bulk", { key: key(), namePrefix: "seed", count: 300 });
    expect(res.status).toBe(409);
    expect((await keysOf(groupId)).length).toBe(before);
  });

  it("refuses a tenant token, an unknown group and more than 100,000 keys", async () => {
    const asTenant = await admin("POST", "/keys/bulk", { key: key(), namePrefix: "t", count: 1 }, tenantToken);
    expect(asTenant.status).toBe(401);
    const unknown = { ...key(), groupId: "00000000-0000-4000-8000-000000000000" };
    expect((await admin("POST", "/keys/bulk", { key: unknown, namePrefix: "u", count: 1 })).status).toBe(400);
    expect((await admin("POST", "/keys/bulk", { key: key(), namePrefix: "m", count: 100_001 })).status).toBe(400);
    expect((await admin("POST", "/keys/bulk", { key: key(), namePrefix: "z", count: 0 })).status).toBe(400);
  });

  it("answers when each tenant request arrived; admin routes are not counted", async () => {
    const since = Date.now();
    await tenant("/groups");
    await tenant("/groups");
    await admin("POST", "/keys/bulk", { key: key(), namePrefix: "late", count: 2 });
    const res = await admin("GET", `/requests/arrivals?since=${since}`);
    const { arrivals } = (await res.json()) as { arrivals: number[] };
    expect(arrivals).toHaveLength(2);
    expect(arrivals.every((t) => t >= since && t <= Date.now())).toBe(true);
    expect((await admin("GET", "/requests/arrivals?since=-5")).status).toBe(400);
  });
});
