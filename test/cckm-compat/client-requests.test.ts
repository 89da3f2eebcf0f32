import { liveProcesses } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpsCall } from "../support/https-client.ts";
import { type OpenApiDocument, openApiChecker } from "../support/openapi-answers.ts";
import { ADMIN_PASSWORD, startStack, type TestStack, waitFor } from "../support/stack-processes.ts";

/**
 * The request shapes of CipherTrust's real clients (docs/cckm-compatibility.md §3), sent as they
 * send them, against the whole stack as real processes.
 */
const CONNECTIONS = "/connectionmgmt/services/sap-dc/connections";

describe("CipherTrust clients' requests against the real stack", () => {
  let stack: TestStack;
  let jwt: string;
  let checker: ReturnType<typeof openApiChecker>;
  // Over HTTPS with gzip, as every example in CipherTrust's docs (`curl -k https://… --compressed`).
  const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const https = stack.https as { url: string; ca: string };
    const url = `${https.url}/api/v1${path}`;
    const res = await httpsCall(url, {
      method,
      ca: https.ca,
      headers: { "content-type": "application/json", ...(jwt ? { authorization: `Bearer ${jwt}` } : {}), ...headers },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    const parsed = res.text ? JSON.parse(res.text) : undefined;
    checker.check(method, url, res.status, parsed); // each answer as the OpenAPI document declares it
    return { status: res.status, headers: res.headers, body: parsed };
  };

  beforeAll(async () => {
    stack = await startStack({ https: true });
    const https = stack.https as { url: string; ca: string };
    const doc = await httpsCall(`${https.url}/api/docs/openapi.json`, { method: "GET", ca: https.ca });
    checker = openApiChecker(JSON.parse(doc.text) as OpenApiDocument);
  });
  afterAll(async () => {
    await stack.stop();
    expect(liveProcesses()).toBe(0);
  });

  it("signs in with each client's token body", async () => {
    const password = ADMIN_PASSWORD;
    const bodies: Record<string, unknown> = {
      terraform: { username: "admin", password, auth_domain: "", domain: "" },
      "terraform fork": { username: "admin", password, domain: "" },
      "python sdk": {
        grant_type: "password",
        cookies: false,
        labels: [],
        password,
        username: "admin",
        connection: "local_account",
        renew_refresh_token: false,
      },
      "ansible 1.0": { grant_type: "password", username: "admin", password, auth_domain_path: null },
      "ansible 2026": { grant_type: "password", username: "admin", password },
      powershell: { grant_type: "password", username: "admin", password, domain: null, labels: ["ps_module_1"] },
    };
    for (const [client, body] of Object.entries(bodies)) {
      const res = await send("POST", "/auth/tokens", body);
      expect(res.status, client).toBe(200);
      // What the Python SDK requires, and what it reads when present.
      expect(res.body, client).toMatchObject({
        jwt: expect.any(String),
        duration: 300,
        token_type: "Bearer",
        refresh_token: expect.any(String),
        refresh_token_id: expect.any(String),
        client_id: expect.any(String),
        refresh_token_expires_in: expect.any(Number),
      });
      expect(JSON.stringify(res.body)).not.toContain("codeDesc");
      jwt = res.body.jwt;
    }
    const first = await send("POST", "/auth/tokens/", { username: "admin", password });
    // Refresh grants: the Terraform fork's (empty credentials, renew), PowerShell's, Kroxylicious's.
    const fork = await send("POST", "/auth/tokens", {
      username: "",
      password: "",
      domain: "",
      grant_type: "refresh_token",
      refresh_token: first.body.refresh_token,
      renew_refresh_token: true,
    });
    expect(fork.status).toBe(200);
    const ps = await send("POST", "/auth/tokens/", {
      grant_type: "refresh_token",
      refresh_token: fork.body.refresh_token,
      labels: ["ps_module_2"],
    });
    expect(ps.status).toBe(200);
    expect(ps.body.refresh_token).toBe(fork.body.refresh_token);
  });

  it("lists with limit=-1, trailing slashes, sort lists and unknown parameters", async () => {
    // PowerShell's connection body, both credential objects present; unknown and echoed fields too.
    const created = await send("POST", CONNECTIONS, {
      name: "compat-sap",
      products: ["cckm"],
      api_endpoint: stack.sap.url,
      technical_user_credentials: stack.sapCredentials,
      description: "made by the compat test",
      uri: "",
      account: "",
      some_future_field: { x: 1 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const sync = await send("POST", "/cckm/sap/synchronization-jobs", {
      connection: "compat-sap",
      synchronize_all: true,
    });
    expect(sync.status, JSON.stringify(sync.body)).toBe(201);
    await waitFor(
      () => send("GET", `/cckm/sap/synchronization-jobs/${sync.body.id}`),
      (r) => r.body.overall_status !== "in_progress",
    );

    // Terraform data sources: a slash before the query, skip=0&limit=-1, a JSON content type on GET.
    const all = await send("GET", `${CONNECTIONS}/?name=compat-sap&skip=0&limit=-1`);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ skip: 0, limit: -1, total: 1, resources: [{ id: created.body.id }] });
    const keys = await send("GET", "/cckm/sap/keys?skip=0&limit=-1&sort=type,-name&unknown_filter=1");
    expect(keys.headers.get("content-encoding")).toBe("gzip"); // asked for, as `curl --compressed` does
    expect(keys.status).toBe(200);
    expect(keys.body.total).toBeGreaterThan(0);
    expect(keys.body.resources).toHaveLength(keys.body.total);
    const sorted = [...keys.body.resources].sort(
      (a: { sap_param: { type: string }; name: string }, b: { sap_param: { type: string }; name: string }) =>
        a.sap_param.type.localeCompare(b.sap_param.type) || b.name.localeCompare(a.name),
    );
    expect(keys.body.resources.map((k: { id: string }) => k.id)).toEqual(sorted.map((k: { id: string }) => k.id));
    // The Python SDK: limit=1 for the total, then pages of 1000.
    const one = await send("GET", "/cckm/sap/groups?limit=1");
    const page = await send("GET", "/cckm/sap/groups?skip=0&limit=1000&connection=compat-sap");
    expect(page.body.resources).toHaveLength(one.body.total);
  });

  it("takes names and URIs as path ids, and an empty JSON body on bodyless routes", async () => {
    const byName = await send("GET", `${CONNECTIONS}/compat-sap`);
    expect(byName.status).toBe(200);
    const byUri = await send("GET", `${CONNECTIONS}/${encodeURIComponent(byName.body.uri)}`);
    expect(byUri.body.id).toBe(byName.body.id);
    // PowerShell's test: POST with Content-Type: application/json and no body.
    const test = await send("POST", `${CONNECTIONS}/${byName.body.id}/test`);
    expect(test.status).toBe(200);
    expect(test.body.connection_ok).toBe(true);
    // …and by the connection's name, as its other routes.
    const testByName = await send("POST", `${CONNECTIONS}/compat-sap/test`);
    expect(testByName.status).toBe(200);
    expect(testByName.body.connection_ok).toBe(true);
    const group = (await send("GET", "/cckm/sap/groups?limit=1&connection=compat-sap")).body.resources[0];
    expect((await send("GET", `/cckm/sap/groups/${encodeURIComponent(group.uri)}`)).body.id).toBe(group.id);
    const users = await send("GET", "/usermgmt/users?username=admin");
    const userId = users.body.resources[0].user_id as string;
    expect(userId).toMatch(/^local\|/);
    expect((await send("GET", `/usermgmt/users/${encodeURIComponent(userId)}`)).body.username).toBe("admin");
  });

  it("answers errors with CipherTrust's body naming the request", async () => {
    const missing = await send("GET", "/cckm/sap/keys/00000000-0000-4000-8000-000000000000", undefined, {
      "x-request-id": "compat-req-1",
    });
    expect(missing).toMatchObject({
      status: 404,
      body: { code: 16, codeDesc: "NCERRResourceNotFound: Resource not found", requestID: "compat-req-1" },
    });
    const bad = await send("GET", "/cckm/sap/keys?limit=-2");
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 9, message: expect.stringContaining("query.limit") });
    expect(bad.body.requestID).toBe(bad.headers.get("x-request-id"));
    const form = await send("POST", "/auth/tokens", "username=admin", { "content-type": "text/plain" });
    expect(form.status).toBe(415);
  });
});
