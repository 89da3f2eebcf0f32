import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test-support/api-harness.ts";

const TOKENS = "/api/v1/auth/tokens";

describe("POST /auth/tokens and sessions", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ loginMaxFailures: 3 });
    await api.createUser("alice", "alice-password", ["CCKM Admins"]);
    await api.createUser("bob", "bob-password", ["CCKM Users"]);
  });
  afterAll(async () => {
    await api.close();
  });

  it("issues a 300-second bearer JWT and a refresh token for a password", async () => {
    const tokens = await api.login("alice", "alice-password");
    expect(tokens).toEqual({
      jwt: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      duration: 300,
      token_type: "Bearer",
      client_id: "cckm-sap-jobs",
      refresh_token: expect.stringMatching(/^[\w-]{43}$/),
      refresh_token_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      refresh_token_expires_in: expect.any(Number),
    });
    expect(tokens.refresh_token_expires_in).toBeGreaterThan(3590);
    expect(tokens.refresh_token_expires_in).toBeLessThanOrEqual(3600);
    const stored = await api.db.refreshToken.findUniqueOrThrow({ where: { id: tokens.refresh_token_id } });
    expect(stored.tokenHash).not.toContain(tokens.refresh_token);
    expect((await api.request("GET", "/api/v1/usermgmt/users", { token: tokens.jwt })).status).toBe(200);
  });

  it("issues a new JWT for a refresh token, and none once it is revoked", async () => {
    const first = await api.login("bob", "bob-password");
    const refreshed = await api.request("POST", TOKENS, {
      body: { grant_type: "refresh_token", refresh_token: first.refresh_token },
    });
    expect(refreshed.status).toBe(200);
    const second = (await refreshed.json()) as typeof first;
    expect(second.refresh_token_id).toBe(first.refresh_token_id);
    expect(second.jwt).not.toBe(first.jwt);

    const revoked = await api.request("DELETE", `${TOKENS}/${first.refresh_token_id}`, { token: second.jwt });
    expect(revoked.status).toBe(204);
    const again = await api.request("POST", TOKENS, {
      body: { grant_type: "refresh_token", refresh_token: first.refresh_token },
    });
    expect(again.status).toBe(401);
    // Access tokens of the revoked session end with it.
    const after = await api.request("GET", "/api/v1/audit/records", { token: second.jwt });
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ code: 5, codeDesc: "NCERRUnauthorizedAccess: Unauthorized" });
  });

  it("lets only the owner or an admin revoke a session", async () => {
    const bob = await api.login("bob", "bob-password");
    const alice = await api.login("alice", "alice-password");
    const bobRevokesAlice = await api.request("DELETE", `${TOKENS}/${alice.refresh_token_id}`, { token: bob.jwt });
    expect(bobRevokesAlice.status).toBe(403);
    const aliceRevokesBob = await api.request("DELETE", `${TOKENS}/${bob.refresh_token_id}`, { token: alice.jwt });
    expect(aliceRevokesBob.status).toBe(204);
    const unknown = await api.request("DELETE", `${TOKENS}/00000000-0000-4000-8000-000000000000`, { token: alice.jwt });
    expect(unknown.status).toBe(404);
    const notUuid = await api.request("DELETE", `${TOKENS}/not-a-uuid`, { token: alice.jwt });
    expect(notUuid.status).toBe(400);
  });

  it("answers a wrong password and an unknown user alike", async () => {
    const wrong = await api.request("POST", TOKENS, {
      body: { grant_type: "password", username: "alice", password: "nope" },
    });
    const unknown = await api.request("POST", TOKENS, {
      body: { grant_type: "password", username: "nobody", password: "nope" },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    // Alike but for the request each answers.
    const { requestID: _a, ...wrongBody } = (await wrong.json()) as Record<string, unknown>;
    const { requestID: _b, ...unknownBody } = (await unknown.json()) as Record<string, unknown>;
    expect(wrongBody).toEqual(unknownBody);
  });

  it("slows down repeated failures for one username with 429 and Retry-After, and audits them", async () => {
    await api.createUser("carol", "carol-password", []);
    const attempt = (password: string) =>
      api.request("POST", TOKENS, { body: { grant_type: "password", username: "carol", password } });
    for (let i = 0; i < 3; i++) expect((await attempt("wrong")).status).toBe(401);
    const limited = await attempt("carol-password");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ code: 429, codeDesc: expect.stringMatching(/^NCERRTooManyRequests/) });

    const audits = await api.db.auditRecord.findMany({
      where: { action: "auth.token.create", status: { in: [401, 429] } },
    });
    expect(audits.filter((a) => a.actorName === "carol").map((a) => a.status)).toEqual([401, 401, 401]);
    expect(audits.some((a) => a.status === 429)).toBe(true);
    expect(JSON.stringify(audits)).not.toContain("carol-password");
  });

  it("holds the limit against parallel guesses", async () => {
    await api.createUser("grace", "grace-password", []);
    const guesses = await Promise.all(
      Array.from({ length: 12 }, () =>
        api.request("POST", TOKENS, { body: { grant_type: "password", username: "grace", password: "wrong" } }),
      ),
    );
    const statuses = guesses.map((g) => g.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
  });

  it("keeps usernames that are no user out of the audit log", async () => {
    const typo = "my-password-typed-as-username";
    await api.request("POST", TOKENS, { body: { grant_type: "password", username: typo, password: "x" } });
    expect(JSON.stringify(await api.db.auditRecord.findMany())).not.toContain(typo);
  });

  it("audits refused bodies too", async () => {
    await api.request("POST", TOKENS, { body: "{broken", headers: { "x-request-id": "broken-body-1" } });
    const records = await api.db.auditRecord.findMany({ where: { requestId: "broken-body-1" } });
    expect(records.map((r) => r.status)).toEqual([400]);
  });

  it("ends every token of a deleted user", async () => {
    const dave = await api.createUser("dave", "dave-password", ["CCKM Admins"]);
    const tokens = await api.login("dave", "dave-password");
    await api.db.user.delete({ where: { id: dave.id } });
    const res = await api.request("GET", "/api/v1/usermgmt/users", { token: tokens.jwt });
    expect(res.status).toBe(401);
  });

  it("refuses malformed Authorization headers with 401", async () => {
    const { jwt } = await api.login("alice", "alice-password");
    for (const header of ["", "Basic YWxpY2U6eA==", `Bearer`, `Bearer ${jwt} extra`, `Token ${jwt}`, "Bearer a.b"]) {
      const res = await api.request("GET", "/api/v1/audit/records", { headers: { authorization: header } });
      expect(res.status, header).toBe(401);
    }
    expect(
      (await api.request("GET", "/api/v1/audit/records", { headers: { authorization: `bearer ${jwt}` } })).status,
    ).toBe(200);
  });

  it("ignores unknown fields; rejects wrong types and unknown grant types with 400", async () => {
    const extra = await api.request("POST", TOKENS, {
      body: { grant_type: "password", username: "alice", password: "alice-password", extra: 1 },
    });
    expect(extra.status).toBe(200);
    const bodies = [
      { grant_type: "password", username: 1, password: "x" },
      { grant_type: "client_credentials" },
      { grant_type: "refresh_token" },
      [],
    ];
    for (const body of bodies) {
      const res = await api.request("POST", TOKENS, { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });
});
