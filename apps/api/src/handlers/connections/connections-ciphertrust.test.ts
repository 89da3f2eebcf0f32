import { credentialsOf } from "@cckm/inventory";
import { freePort } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api-harness.ts";

const SERVICE = "/api/v1/connectionmgmt/services/sap-dc";
const CONNECTIONS = `${SERVICE}/connections`;

/** The request shapes of CipherTrust's clients (docs/cckm-compatibility.md §3.3), field for field. */
describe("SAP connections in CipherTrust's vocabulary", () => {
  let api: TestApi;
  let admin: string;
  beforeAll(async () => {
    api = await startTestApi();
    await api.createUser("admin", "admin-password", ["admin"]);
    admin = (await api.login("admin", "admin-password")).jwt;
  });
  afterAll(async () => {
    await api.close();
  });

  const post = (path: string, body: unknown) => api.request("POST", path, { token: admin, body });
  const patch = (id: string, body: unknown) => api.request("PATCH", `${CONNECTIONS}/${id}`, { token: admin, body });

  it("takes PowerShell's New-CMSAPConnection body and answers every documented field", async () => {
    const res = await post(CONNECTIONS, {
      name: "PowerShell Tenant",
      products: ["cckm"],
      api_endpoint: "https://kms-api-demo.datacustodian.cloud.sap/kms/v2",
      user_credentials: { user: null, secret: null, tenant: "thales-preprod" },
      technical_user_credentials: { api_key: "tu-key", secret: "tu-secret-value" },
      description: "from PowerShell",
      meta: { owner: "team-a", nested: { n: 1 } },
    });
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toContain("tu-secret-value");
    const body = JSON.parse(text) as { id: string };
    expect(body).toEqual({
      id: expect.any(String),
      uri: `kylo:kylo:connectionmgmt:connections:powershell-tenant-${body.id}`,
      account: "kylo:kylo:admin:accounts:kylo",
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      name: "PowerShell Tenant",
      description: "from PowerShell",
      category: "cloud",
      service: "sap-dc",
      products: ["cckm"],
      resource_url: `${CONNECTIONS}/${body.id}`,
      meta: { owner: "team-a", nested: { n: 1 } },
      labels: {},
      last_connection_ok: null,
      last_connection_error: "",
      last_connection_at: null,
      api_endpoint: "https://kms-api-demo.datacustodian.cloud.sap/kms/v2",
      technical_user_credentials: { api_key: "tu-key" },
      tenant: "thales-preprod",
      rate_limit_per_second: null,
    });
    const row = await api.db.sapConnection.findUniqueOrThrow({ where: { id: body.id } });
    expect(credentialsOf(row, api.keyring).secret).toBe("tu-secret-value");
  });

  it("accepts the nulls and echoed response fields Terraform sends, and labels", async () => {
    const res = await post(CONNECTIONS, {
      uri: "",
      account: "",
      createdAt: "",
      updatedAt: "",
      service: "",
      category: "",
      resource_url: "",
      last_connection_ok: false,
      last_connection_error: "",
      last_connection_at: "",
      id: "",
      name: "terraform",
      description: null,
      products: null,
      meta: null,
      labels: { env: "prod" },
      api_endpoint: "https://kms.example.com",
      technical_user_credentials: { api_key: "tf-key", secret: "tf-secret" },
      user_credentials: null,
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ name: "terraform", description: null, meta: {}, labels: { env: "prod" } });
  });

  it("refuses a connection without a technical user, naming technical_user_credentials", async () => {
    for (const credentials of [
      {
        user_credentials: { user: "jane", secret: "pw", tenant: "t" },
        technical_user_credentials: { api_key: null, secret: null },
      },
      { technical_user_credentials: { api_key: "k" } },
      { technical_user_credentials: { api_key: "k", secret: "s" }, technical_user: { api_key: "k2", secret: "s2" } },
    ]) {
      const res = await post(CONNECTIONS, { name: "no-tu", api_endpoint: "https://kms.example.com", ...credentials });
      expect(res.status, JSON.stringify(credentials)).toBe(400);
      const body = (await res.json()) as { codeDesc: string; message: string };
      expect(body.codeDesc).toMatch(/^NCERRInvalidParamValue/);
      expect(body.message).toMatch(/^body\.technical_user(_credentials)?[.:]/);
    }
    expect(await api.db.sapConnection.count({ where: { name: "no-tu" } })).toBe(0);
  });

  it("takes PowerShell's Update-CMSAPConnection body: {} or nulls leave credentials unchanged", async () => {
    const created = (await (
      await post(CONNECTIONS, {
        name: "to-patch",
        api_endpoint: "https://kms.example.com",
        technical_user_credentials: { api_key: "k1", secret: "s1" },
      })
    ).json()) as { id: string };
    const res = await patch(created.id, {
      user_credentials: {},
      technical_user_credentials: {},
      description: "changed",
      meta: { a: 1 },
      labels: { team: "x" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      description: "changed",
      meta: { a: 1 },
      labels: { team: "x" },
      technical_user_credentials: { api_key: "k1" },
    });
    const secretOf = async () =>
      credentialsOf(await api.db.sapConnection.findUniqueOrThrow({ where: { id: created.id } }), api.keyring);
    expect((await secretOf()).secret).toBe("s1");

    expect((await patch(created.id, { technical_user_credentials: { api_key: null, secret: "s2" } })).status).toBe(200);
    expect(await secretOf()).toMatchObject({ apiKey: "k1", secret: "s2" });
    // A new endpoint needs the secret again, whichever spelling carries it.
    const refused = await patch(created.id, { api_endpoint: "https://other.example.com" });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toMatch(
      /^body\.technical_user_credentials\.secret/,
    );
    const moved = await patch(created.id, {
      api_endpoint: "https://other.example.com",
      technical_user: { api_key: "k3", secret: "s3" },
    });
    expect(moved.status).toBe(200);
    expect(await secretOf()).toMatchObject({ apiEndpoint: "https://other.example.com", apiKey: "k3", secret: "s3" });
  });

  it("connection-test signs in with parameters not stored, persists nothing, and answers like /test", async () => {
    const before = await api.db.sapConnection.count();
    const port = await freePort();
    const tested = await post(`${SERVICE}/connection-test`, {
      name: null,
      products: ["cckm"],
      api_endpoint: `http://127.0.0.1:${port}`,
      technical_user_credentials: { api_key: "k", secret: "s" },
      user_credentials: { user: null, secret: null, tenant: null },
    });
    expect(tested.status).toBe(200);
    expect(await tested.json()).toEqual({ connection_ok: false, message: expect.stringMatching(/^NETWORK: /) });
    const refused = await post(`${SERVICE}/connection-test`, {
      api_endpoint: "http://169.254.169.254",
      technical_user_credentials: { api_key: "k", secret: "s" },
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toMatch(/^body\.api_endpoint: /);
    const incomplete = await post(`${SERVICE}/connection-test`, { api_endpoint: "https://kms.example.com" });
    expect(incomplete.status).toBe(400);
    expect(await api.db.sapConnection.count()).toBe(before);
  });

  it("a failed test is recorded as last_connection_error; the connection answers it", async () => {
    const port = await freePort();
    const created = (await (
      await post(CONNECTIONS, {
        name: "unreachable",
        api_endpoint: `http://127.0.0.1:${port}`,
        technical_user_credentials: { api_key: "k", secret: "s" },
      })
    ).json()) as { id: string };
    expect((await post(`${CONNECTIONS}/${created.id}/test`, undefined)).status).toBe(200);
    const got = await (await api.request("GET", `${CONNECTIONS}/${created.id}`, { token: admin })).json();
    expect(got).toMatchObject({
      last_connection_ok: false,
      last_connection_error: expect.stringMatching(/^NETWORK: /),
      last_connection_at: expect.any(String),
    });
  });
});
