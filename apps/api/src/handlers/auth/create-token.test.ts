import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi, type TokenResponse } from "../../test-support/api-harness.ts";

const TOKENS = "/api/v1/auth/tokens";

describe("POST /auth/tokens as CipherTrust's clients send it", () => {
  let api: TestApi;
  const sign = async (body: unknown) => {
    const res = await api.request("POST", TOKENS, { body });
    return { status: res.status, body: (await res.json()) as TokenResponse & { code?: number; message?: string } };
  };

  beforeAll(async () => {
    api = await startTestApi({ refreshTokenTtlSeconds: 7200 });
    await api.createUser("dora", "dora-password", ["CCKM Admins"]);
  });
  afterAll(async () => {
    await api.close();
  });

  it("takes a password grant without grant_type, with name for username, and the domain fields empty or null", async () => {
    for (const body of [
      { username: "dora", password: "dora-password", auth_domain: "", domain: "" },
      { name: "dora", password: "dora-password" },
      { grant_type: "password", username: "dora", password: "dora-password", auth_domain_path: null },
      { grant_type: "password", username: "dora", password: "dora-password", domain: null, labels: ["ps_module_1"] },
      {
        grant_type: "password",
        cookies: false,
        labels: [],
        username: "dora",
        password: "dora-password",
        connection: "local_account",
        renew_refresh_token: false,
        refresh_token_revoke_unused_in: 30,
      },
      { grant_type: "password", username: "dora", password: "dora-password", domain: "root", auth_domain_path: "root" },
    ]) {
      const res = await sign(body);
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(res.body).toMatchObject({ duration: 300, token_type: "Bearer", refresh_token_expires_in: 7200 });
    }
  });

  it("refuses, naming the field, what it cannot honour", async () => {
    for (const [body, field] of [
      [{ username: "dora", password: "dora-password", connection: "ldap-east" }, "body.connection"],
      [{ username: "dora", password: "dora-password", domain: "emea" }, "body.domain"],
      [{ username: "dora", password: "dora-password", auth_domain_path: "emea/dev" }, "body.auth_domain_path"],
      [{ username: "dora", password: "dora-password", refresh_token_lifetime: -1 }, "body.refresh_token_lifetime"],
      [{ username: "dora", password: "dora-password", labels: "x" }, "body.labels"],
      [{ grant_type: "user_certificate" }, "body.grant_type"],
      [{ username: "", password: "dora-password" }, "body.username"],
      [{ grant_type: "refresh_token", username: "", password: "" }, "body.refresh_token"],
    ] as const) {
      const res = await sign(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe(9);
      expect(res.body.message).toContain(field);
    }
  });

  it("honours refresh_token_lifetime (minutes), capped at the configured lifetime", async () => {
    const short = await sign({ username: "dora", password: "dora-password", refresh_token_lifetime: 10 });
    expect(short.body.refresh_token_expires_in).toBe(600);
    const row = await api.db.refreshToken.findUniqueOrThrow({ where: { id: short.body.refresh_token_id } });
    expect(Math.round((row.expiresAt.getTime() - row.createdAt.getTime()) / 1000)).toBe(600);
    const long = await sign({ username: "dora", password: "dora-password", refresh_token_lifetime: 100_000 });
    expect(long.body.refresh_token_expires_in).toBe(7200);
    const zero = await sign({ username: "dora", password: "dora-password", refresh_token_lifetime: 0 });
    expect(zero.body.refresh_token_expires_in).toBe(7200);
  });

  it("accepts a refresh grant carrying empty username and password, and renews the token when asked", async () => {
    const first = (await sign({ username: "dora", password: "dora-password" })).body;
    // The Terraform fork: empty credentials beside the refresh grant, renew_refresh_token true.
    const renewed = await sign({
      username: "",
      password: "",
      domain: "",
      grant_type: "refresh_token",
      refresh_token: first.refresh_token,
      renew_refresh_token: true,
    });
    expect(renewed.status).toBe(200);
    expect(renewed.body.refresh_token_id).toBe(first.refresh_token_id);
    expect(renewed.body.refresh_token).not.toBe(first.refresh_token);
    // The old token is spent; the jwt issued before the renewal still works (same session).
    expect((await sign({ grant_type: "refresh_token", refresh_token: first.refresh_token })).status).toBe(401);
    expect((await api.request("GET", "/api/v1/cckm/sap/keys", { token: first.jwt })).status).toBe(200);
    // Without renew_refresh_token (the Python SDK's and PowerShell's refresh), the same token comes back.
    const again = await sign({
      grant_type: "refresh_token",
      cookies: false,
      labels: ["ps_module_2"],
      refresh_token: renewed.body.refresh_token,
      renew_refresh_token: false,
      refresh_token_lifetime: 5,
    });
    expect(again.status).toBe(200);
    expect(again.body.refresh_token).toBe(renewed.body.refresh_token);
  });

  it("answers a body sent as another media type 415 and a missing one 400, saying so", async () => {
    const text = await api.request("POST", TOKENS, {
      body: "username=dora&password=dora-password",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({ code: 9, message: expect.stringContaining("application/json") });
    const none = await api.request("POST", TOKENS, {});
    expect(none.status).toBe(400);
    expect(((await none.json()) as { message: string }).message).toContain("JSON body is required");
  });
});
