import { createConnection } from "@cckm/inventory";
import { freePort } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api-harness.ts";
import { seedInventory } from "../../test-support/inventory-fixtures.ts";

const CONNECTIONS = "/api/v1/connectionmgmt/services/sap-dc/connections";
const INVALID = { codeDesc: "NCERRInvalidParamValue: Invalid parameter value" };
const technicalUser = { api_key: "tu", secret: "a-secret" };

const NEVER = [
  "http://169.254.169.254/",
  "http://169.254.169.254/latest/meta-data/",
  "http://0xa9.0xfe.0xa9.0xfe/",
  "http://169.254.10.10:8080",
  "http://[fe80::1]/",
  "http://[::ffff:169.254.169.254]/",
  "http://0.0.0.0:4040",
  "http://[::]/",
];
const PRIVATE = [
  "http://127.0.0.1:4040",
  "http://localhost:4040",
  "http://[::1]:4040",
  "http://10.0.0.5",
  "https://172.16.0.1",
  "http://192.168.1.1",
  "http://100.64.0.1",
  "http://[fd00::1]",
  "http://[::ffff:10.0.0.1]",
];

async function errorOf(res: Response) {
  return { status: res.status, body: (await res.json()) as { message: string } };
}

describe("connection endpoints: link-local never, private only with the opt-in", () => {
  let strict: TestApi;
  let opted: TestApi;
  let strictToken: string;
  let optedToken: string;
  beforeAll(async () => {
    [strict, opted] = await Promise.all([startTestApi({}, { allowPrivateEndpoints: false }), startTestApi()]);
    await Promise.all([strict, opted].map((api) => api.createUser("root", "root-password", ["admin"])));
    strictToken = (await strict.login("root", "root-password")).jwt;
    optedToken = (await opted.login("root", "root-password")).jwt;
  });
  afterAll(async () => {
    await Promise.all([strict?.close(), opted?.close()]);
  });

  const create = (api: TestApi, token: string, name: string, api_endpoint: string) =>
    api.request("POST", CONNECTIONS, { token, body: { name, api_endpoint, technical_user: technicalUser } });

  it("refuses link-local and unspecified endpoints on create, with or without the opt-in, naming the field", async () => {
    for (const [api, token] of [
      [strict, strictToken],
      [opted, optedToken],
    ] as const) {
      for (const url of NEVER) {
        const { status, body } = await errorOf(await create(api, token, "never", url));
        expect({ status, body }, url).toEqual({ status: 400, body: expect.objectContaining(INVALID) });
        expect(body.message, url).toMatch(/^body\.api_endpoint: .* is a (link-local|unspecified) address; never/);
      }
    }
    expect(await strict.db.sapConnection.count()).toBe(0);
    expect(await opted.db.sapConnection.count()).toBe(0);
  });

  it("refuses private endpoints on create without the opt-in, saying what allows them", async () => {
    for (const url of PRIVATE) {
      const { status, body } = await errorOf(await create(strict, strictToken, "private", url));
      expect(status, url).toBe(400);
      expect(body.message, url).toMatch(/^body\.api_endpoint: .*SAP_KMS_ALLOW_PRIVATE_ENDPOINTS=true/);
    }
    expect((await create(strict, strictToken, "public", "https://kms.example.com/")).status).toBe(201);
  });

  it("accepts private endpoints with the opt-in", async () => {
    for (const [i, url] of PRIVATE.entries()) {
      expect((await create(opted, optedToken, `private-${i}`, url)).status, url).toBe(201);
    }
  });

  it("refuses the same endpoints on PATCH, and keeps the stored one", async () => {
    const created = (await (await create(strict, strictToken, "to-patch", "https://kms.example.com")).json()) as {
      id: string;
    };
    for (const url of [...NEVER, ...PRIVATE]) {
      const res = await strict.request("PATCH", `${CONNECTIONS}/${created.id}`, {
        token: strictToken,
        body: { api_endpoint: url, technical_user_credentials: technicalUser },
      });
      const { status, body } = await errorOf(res);
      expect({ status, body }, url).toEqual({ status: 400, body: expect.objectContaining(INVALID) });
      expect(body.message, url).toMatch(/^body\.api_endpoint: /);
    }
    const row = await strict.db.sapConnection.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.apiEndpoint).toBe("https://kms.example.com");
  });

  // Connections stored before the policy existed (or while the opt-in was on) are written straight.
  const stored = (api: TestApi, name: string, apiEndpoint: string) =>
    createConnection(api.db, api.keyring, { name, apiEndpoint, apiKey: "tu", secret: "a-secret" });
  const test = async (api: TestApi, token: string, id: string) =>
    errorOf(await api.request("POST", `${CONNECTIONS}/${id}/test`, { token }));

  it("refuses to test a stored link-local or private endpoint (a literal, or a name resolving to one), recording nothing", async () => {
    const port = await freePort();
    const cases = [
      ["metadata", "http://169.254.169.254", strict, strictToken],
      ["metadata-opted", "http://169.254.169.254", opted, optedToken],
      ["loopback", `http://127.0.0.1:${port}`, strict, strictToken],
      // Not a literal: `localhost` is only known to be loopback once resolved, at connect time.
      ["by-name", `http://localhost:${port}`, strict, strictToken],
    ] as const;
    for (const [name, url, api, token] of cases) {
      const row = await stored(api, name, url);
      const { status, body } = await test(api, token, row.id);
      expect({ status, body }, url).toEqual({ status: 400, body: expect.objectContaining(INVALID) });
      expect(body.message, url).toMatch(/^connection\.api_endpoint: /);
      const after = await api.db.sapConnection.findUniqueOrThrow({ where: { id: row.id } });
      expect(after.lastTestedAt, url).toBeNull();
    }
  });

  it("with the opt-in, a loopback endpoint is tested for real (here nobody listens: NETWORK)", async () => {
    const port = await freePort();
    for (const [name, url] of [
      ["loop-literal", `http://127.0.0.1:${port}`],
      ["loop-name", `http://localhost:${port}`],
    ]) {
      const row = await stored(opted, name as string, url as string);
      const { status, body } = await test(opted, optedToken, row.id);
      expect({ status, body }, url).toEqual({
        status: 200,
        body: { connection_ok: false, message: expect.stringMatching(/^NETWORK: /) },
      });
    }
  });

  it("a key created through a refused endpoint is a 400 naming it, not a 502 from SAP", async () => {
    const { group } = await seedInventory(strict.db, strict.keyring); // its endpoint is on 127.0.0.1
    const res = await strict.request("POST", "/api/v1/cckm/sap/keys", {
      token: strictToken,
      body: { group: group.id, name: "k1", type: "AES", size: 256 },
    });
    const { status, body } = await errorOf(res);
    expect({ status, body }).toEqual({ status: 400, body: expect.objectContaining(INVALID) });
    expect(body.message).toMatch(/^connection\.api_endpoint: .*loopback/);
  });
});
