import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api-harness.ts";
import { seedInventory } from "../../test-support/inventory-fixtures.ts";

const CONNECTIONS = "/api/v1/connectionmgmt/services/sap-dc/connections";

describe("/connectionmgmt/services/sap-dc/connections", () => {
  let api: TestApi;
  let admin: string;
  let reader: string;
  beforeAll(async () => {
    api = await startTestApi();
    await api.createUser("admin", "admin-password", ["admin"]);
    await api.createUser("reader", "reader-password", ["CCKM Users"]);
    admin = (await api.login("admin", "admin-password")).jwt;
    reader = (await api.login("reader", "reader-password")).jwt;
  });
  afterAll(async () => {
    await api.close();
  });

  const body = (name: string) => ({
    name,
    description: "demo tenant",
    api_endpoint: "http://127.0.0.1:4040/",
    technical_user: { api_key: "demo-technical-user", secret: "the-secret-value" },
  });

  it("keeps a tenant rate limit per connection (rate_limit_per_second), null for the workers' default", async () => {
    const res = await api.request("POST", CONNECTIONS, {
      token: admin,
      body: { ...body("sap-limited"), rate_limit_per_second: 50 },
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; rate_limit_per_second: number | null };
    expect(created.rate_limit_per_second).toBe(50);
    const changed = await api.request("PATCH", `${CONNECTIONS}/${created.id}`, {
      token: admin,
      body: { rate_limit_per_second: 0 },
    });
    expect(((await changed.json()) as { rate_limit_per_second: number }).rate_limit_per_second).toBe(0);
    const plain = await api.request("POST", CONNECTIONS, { token: admin, body: body("sap-unlimited") });
    expect(((await plain.json()) as { rate_limit_per_second: null }).rate_limit_per_second).toBeNull();
    for (const bad of [-1, 1.5, 100_001, "10"]) {
      const refused = await api.request("POST", CONNECTIONS, {
        token: admin,
        body: { ...body("sap-bad-limit"), rate_limit_per_second: bad },
      });
      expect(refused.status).toBe(400);
    }
  });

  it("creates a connection, never returns or stores its secret in the clear, and refuses a duplicate name", async () => {
    const res = await api.request("POST", CONNECTIONS, { token: admin, body: body("sap-demo") });
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toContain("the-secret-value");
    const created = JSON.parse(text) as Record<string, unknown>;
    expect(created).toMatchObject({
      uri: `kylo:kylo:connectionmgmt:connections:sap-demo-${created.id}`,
      name: "sap-demo",
      service: "sap-dc",
      api_endpoint: "http://127.0.0.1:4040",
      technical_user_credentials: { api_key: "demo-technical-user" },
      last_connection_ok: null,
    });
    const row = await api.db.sapConnection.findUniqueOrThrow({ where: { id: created.id as string } });
    expect(Buffer.from(row.secretCiphertext).toString()).not.toContain("the-secret-value");

    const again = await api.request("POST", CONNECTIONS, { token: admin, body: body("sap-demo") });
    expect(again.status).toBe(409);

    const listed = (await (await api.request("GET", `${CONNECTIONS}?name=sap-demo`, { token: reader })).json()) as {
      total: number;
      resources: unknown[];
    };
    expect(listed.total).toBe(1);
    expect(JSON.stringify(listed)).not.toContain("the-secret-value");
    const one = await api.request("GET", `${CONNECTIONS}/${created.id}`, { token: reader });
    expect(one.status).toBe(200);
    // A read-only user may look but not create.
    expect((await api.request("POST", CONNECTIONS, { token: reader, body: body("other") })).status).toBe(403);
  });

  it("refuses bad input on every known field", async () => {
    const bad = [
      { ...body("x"), api_endpoint: "ftp://example.com" },
      { ...body("x"), api_endpoint: "http://user:pass@example.com" },
      { ...body("x"), technical_user: { api_key: "k" } },
      { ...body("x"), technical_user: { api_key: "k", secret: 5 } },
      { ...body(" leading space") },
      { ...body("x"), products: ["cckm", "ekm"] },
      { ...body("x"), meta: "not an object" },
      { ...body("x"), labels: { env: 1 } },
      { ...body("x"), description: 7 },
    ];
    for (const b of bad) {
      const res = await api.request("POST", CONNECTIONS, { token: admin, body: b });
      expect(res.status, JSON.stringify(b)).toBe(400);
      expect(await res.json()).toMatchObject({ codeDesc: expect.stringMatching(/^NCERRInvalidParamValue/) });
    }
  });

  it("updates the endpoint, the description and the technical user (resealed); an empty change or a name changes nothing", async () => {
    const created = (await (
      await api.request("POST", CONNECTIONS, { token: admin, body: body("to-update") })
    ).json()) as { id: string };
    const before = await api.db.sapConnection.findUniqueOrThrow({ where: { id: created.id } });
    const res = await api.request("PATCH", `${CONNECTIONS}/${created.id}`, {
      token: admin,
      body: { api_endpoint: "https://kms.example.com/", technical_user: { api_key: "tu-2", secret: "new-secret" } },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      api_endpoint: "https://kms.example.com",
      technical_user_credentials: { api_key: "tu-2" },
    });
    const after = await api.db.sapConnection.findUniqueOrThrow({ where: { id: created.id } });
    expect(Buffer.from(after.secretCiphertext).equals(Buffer.from(before.secretCiphertext))).toBe(false);
    const { credentialsOf } = await import("@cckm/inventory");
    expect(credentialsOf(after, api.keyring).secret).toBe("new-secret");
    for (const unchanged of [{}, { name: "x" }]) {
      const same = await api.request("PATCH", `${CONNECTIONS}/${created.id}`, { token: admin, body: unchanged });
      expect(same.status).toBe(200);
      expect(await same.json()).toMatchObject({ name: "to-update", api_endpoint: "https://kms.example.com" });
    }
    expect(
      (await api.request("PATCH", `${CONNECTIONS}/${created.id}`, { token: reader, body: { description: "x" } }))
        .status,
    ).toBe(403);
  });

  it("deletes a connection without keys, and refuses one with keys (409)", async () => {
    const empty = (await (
      await api.request("POST", CONNECTIONS, { token: admin, body: body("to-delete") })
    ).json()) as { id: string };
    expect((await api.request("DELETE", `${CONNECTIONS}/${empty.id}`, { token: admin })).status).toBe(204);
    expect((await api.request("GET", `${CONNECTIONS}/${empty.id}`, { token: admin })).status).toBe(404);

    const { connection, key } = await seedInventory(api.db, api.keyring);
    await key({ name: "k1" });
    const refused = await api.request("DELETE", `${CONNECTIONS}/${connection.id}`, { token: admin });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { message: string }).message).toContain("1 key(s)");
  });
});
