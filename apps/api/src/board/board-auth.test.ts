import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test-support/api-harness.ts";
import { boardFetch, boardLogin, sessionCookieOf } from "../test-support/board-client.ts";
import { BOARD_CLIENT_ID } from "./board-session.ts";
import { SESSION_COOKIE } from "./session-cookie.ts";

const QUEUES_API = "/admin/queues/api/queues";

describe("Bull Board sign-in and sessions", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ loginMaxFailures: 5 });
    await api.createUser("alice", "alice-password", ["CCKM Admins"]);
    await api.createUser("bob", "bob-password", ["CCKM Users"]);
  });
  afterAll(async () => {
    await api.close();
  });

  it("sends anonymous page requests to the login page and answers 401 on the JSON API and assets", async () => {
    const page = await boardFetch(api, "GET", "/admin/queues");
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/admin/login");
    const deep = await boardFetch(api, "GET", "/admin/queues/queue/sap-key-jobs");
    expect(deep.headers.get("location")).toBe(
      `/admin/login?next=${encodeURIComponent("/admin/queues/queue/sap-key-jobs")}`,
    );
    expect((await boardFetch(api, "GET", "/admin")).headers.get("location")).toBe("/admin/queues");

    for (const [method, path] of [
      ["GET", QUEUES_API],
      ["GET", `${QUEUES_API}/sap-key-jobs/some-job`],
      ["GET", "/admin/queues/static/images/logo.svg"],
      ["PUT", `${QUEUES_API}/sap-key-jobs/pause`],
      ["POST", `${QUEUES_API}/sap-key-jobs/add`],
      ["PATCH", `${QUEUES_API}/sap-key-jobs/some-job/update-data`],
    ] as const) {
      const res = await boardFetch(api, method, path);
      expect(res.status, `${method} ${path}`).toBe(401);
      const body = await res.text();
      expect(JSON.parse(body)).toMatchObject({ code: 5, codeDesc: "NCERRUnauthorizedAccess: Unauthorized" });
      expect(body).not.toContain("sap-key-jobs");
    }
  });

  it("refuses forged and tampered cookies", async () => {
    const cookie = await boardLogin(api, "alice", "alice-password");
    const value = cookie.slice(SESSION_COOKIE.length + 1);
    const [id, mac] = value.split(".") as [string, string];
    const flipped = `${mac.slice(0, -1)}${mac.endsWith("A") ? "B" : "A"}`;
    for (const forged of [`${id}.${flipped}`, id, `${id}.${mac}.x`, "00000000-0000-4000-8000-000000000000.AAAA", ""]) {
      const res = await boardFetch(api, "GET", QUEUES_API, { cookie: `${SESSION_COOKIE}=${forged}` });
      expect(res.status, forged).toBe(401);
    }
    expect((await boardFetch(api, "GET", QUEUES_API, { cookie })).status).toBe(200);
  });

  it("shows a sign-in form without scripts", async () => {
    const res = await boardFetch(api, "GET", "/admin/login?next=%2Fadmin%2Fqueues%2Fqueue%2Fsap-key-jobs");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<form method="post" action="/admin/login">');
    expect(html).toContain('value="/admin/queues/queue/sap-key-jobs"');
    expect(html).not.toContain("<script");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("script-src");
  });

  it("issues an HttpOnly, SameSite=Strict, Path=/admin cookie for a board session of the refresh-token store", async () => {
    const res = await boardFetch(api, "POST", "/admin/login", {
      form: { username: "alice", password: "alice-password", next: "/admin/queues/queue/sap-key-jobs" },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/queues/queue/sap-key-jobs");
    const [line] = res.headers.getSetCookie();
    const attributes = (line ?? "").split(";").map((a) => a.trim().toLowerCase());
    expect(attributes[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=[0-9a-f-]{36}\\.[\\w-]{43}$`));
    expect(attributes).toEqual(expect.arrayContaining(["httponly", "samesite=strict", "path=/admin", "max-age=3600"]));

    const cookie = sessionCookieOf(res) ?? "";
    const sessionId = cookie.slice(SESSION_COOKIE.length + 1).split(".")[0] ?? "";
    const row = await api.db.refreshToken.findUniqueOrThrow({ where: { id: sessionId } });
    expect(row.clientId).toBe(BOARD_CLIENT_ID);
    expect(row.revokedAt).toBeNull();

    // The cookie is good for the board only: neither a refresh token nor a bearer token of the API.
    const value = cookie.slice(SESSION_COOKIE.length + 1);
    const refresh = await api.request("POST", "/api/v1/auth/tokens", {
      body: { grant_type: "refresh_token", refresh_token: value },
    });
    expect(refresh.status).toBe(401);
    expect((await api.request("GET", "/api/v1/cckm/sap/keys", { token: value })).status).toBe(401);
  });

  it("never redirects off the board after sign-in", async () => {
    for (const next of [
      "https://evil.example/",
      "//evil.example/admin/queues",
      "/admin/queues//evil.example",
      "/api/v1",
    ]) {
      const res = await boardFetch(api, "POST", "/admin/login", {
        form: { username: "alice", password: "alice-password", next },
      });
      expect(res.headers.get("location"), next).toBe("/admin/queues");
    }
  });

  it("answers a wrong password and an unknown user with the same 401 page, and bad forms with 400", async () => {
    const wrong = await boardFetch(api, "POST", "/admin/login", { form: { username: "alice", password: "nope" } });
    const unknown = await boardFetch(api, "POST", "/admin/login", { form: { username: "nobody", password: "nope" } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(sessionCookieOf(wrong)).toBeUndefined();
    expect(await wrong.text()).toContain("Invalid username or password.");
    expect(await unknown.text()).toContain("Invalid username or password.");

    const forms: Record<string, string>[] = [
      { username: "alice" },
      { username: "alice", password: "x", extra: "1" },
      {},
    ];
    for (const form of forms) {
      const res = await boardFetch(api, "POST", "/admin/login", { form });
      expect(res.status, JSON.stringify(form)).toBe(400);
    }
    const nul = await boardFetch(api, "POST", "/admin/login", { form: { username: "al\u0000ice", password: "x" } });
    expect(nul.status).toBe(400);
  });

  it("throttles repeated failures with 429 and Retry-After, counted with the API's sign-ins", async () => {
    await api.createUser("carol", "carol-password", ["CCKM Users"]);
    const attempt = (password: string) =>
      boardFetch(api, "POST", "/admin/login", { form: { username: "carol", password } });
    for (let i = 0; i < 5; i++) expect((await attempt("wrong")).status).toBe(401);
    const limited = await attempt("carol-password");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.text()).toContain("Too many failed sign-ins");
    expect(sessionCookieOf(limited)).toBeUndefined();
    const viaApi = await api.request("POST", "/api/v1/auth/tokens", {
      body: { grant_type: "password", username: "carol", password: "carol-password" },
    });
    expect(viaApi.status).toBe(429);
  });

  it("refuses users in no group: 403 at sign-in, and 403 once their groups are taken away", async () => {
    await api.createUser("erin", "erin-password", []);
    const res = await boardFetch(api, "POST", "/admin/login", {
      form: { username: "erin", password: "erin-password" },
    });
    expect(res.status).toBe(403);
    expect(sessionCookieOf(res)).toBeUndefined();

    const frank = await api.createUser("frank", "frank-password", ["CCKM Users"]);
    const cookie = await boardLogin(api, "frank", "frank-password");
    expect((await boardFetch(api, "GET", QUEUES_API, { cookie })).status).toBe(200);
    await api.db.user.update({ where: { id: frank.id }, data: { groups: [] } });
    expect((await boardFetch(api, "GET", QUEUES_API, { cookie })).status).toBe(403);
    const page = await boardFetch(api, "GET", "/admin/queues", { cookie });
    expect(page.status).toBe(403);
    expect(await page.text()).toContain("No access");
  });

  it("logs out: the session is revoked, the cookie cleared, and a kept copy of it refused", async () => {
    const cookie = await boardLogin(api, "bob", "bob-password");
    const sessionId = cookie.slice(SESSION_COOKIE.length + 1).split(".")[0] ?? "";
    expect((await boardFetch(api, "POST", "/admin/logout", { cookie, origin: null })).status).toBe(403);

    const out = await boardFetch(api, "POST", "/admin/logout", { cookie });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/admin/login");
    const cleared = out.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=;`)) ?? "";
    expect(cleared).toMatch(/Path=\/admin/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
    const row = await api.db.refreshToken.findUniqueOrThrow({ where: { id: sessionId } });
    expect(row.revokedAt).not.toBeNull();

    expect((await boardFetch(api, "GET", QUEUES_API, { cookie })).status).toBe(401);
    expect((await boardFetch(api, "GET", "/admin/queues", { cookie })).status).toBe(303);
  });

  it("ends a session revoked through the API, and every session of a deleted user", async () => {
    const cookie = await boardLogin(api, "bob", "bob-password");
    const sessionId = cookie.slice(SESSION_COOKIE.length + 1).split(".")[0] ?? "";
    const { jwt } = await api.login("alice", "alice-password");
    expect((await api.request("DELETE", `/api/v1/auth/tokens/${sessionId}`, { token: jwt })).status).toBe(204);
    expect((await boardFetch(api, "GET", QUEUES_API, { cookie })).status).toBe(401);

    const dave = await api.createUser("dave", "dave-password", ["CCKM Admins"]);
    const daves = await boardLogin(api, "dave", "dave-password");
    expect((await boardFetch(api, "GET", QUEUES_API, { cookie: daves })).status).toBe(200);
    await api.db.user.delete({ where: { id: dave.id } });
    expect((await boardFetch(api, "GET", QUEUES_API, { cookie: daves })).status).toBe(401);
    expect((await boardFetch(api, "GET", "/admin/queues", { cookie: daves })).headers.get("location")).toBe(
      "/admin/login",
    );
  });

  it("audits sign-ins and sign-outs as board.login and board.logout, never with a password", async () => {
    await api.createUser("grace", "grace-password", ["CCKM Admins"]);
    await boardFetch(api, "POST", "/admin/login", {
      form: { username: "grace", password: "grace-wrong-password" },
      headers: { "x-request-id": "board-login-fail" },
    });
    await boardFetch(api, "POST", "/admin/login", {
      form: { username: "grace", password: "grace-password" },
      headers: { "x-request-id": "board-login-ok" },
    });
    const typo = "a-password-typed-as-username";
    await boardFetch(api, "POST", "/admin/login", { form: { username: typo, password: "x" } });
    const cookie = await boardLogin(api, "grace", "grace-password");
    await boardFetch(api, "POST", "/admin/logout", { cookie, headers: { "x-request-id": "board-logout" } });

    const records = await api.db.auditRecord.findMany({ where: { action: { in: ["board.login", "board.logout"] } } });
    const byRequest = (id: string) => records.find((r) => r.requestId === id);
    expect(byRequest("board-login-fail")).toMatchObject({
      actorName: "grace",
      outcome: "denied",
      status: 401,
      resourceType: "session",
    });
    expect(byRequest("board-login-ok")).toMatchObject({
      actorName: "grace",
      outcome: "success",
      status: 303,
      resourceId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(byRequest("board-logout")).toMatchObject({
      action: "board.logout",
      actorName: "grace",
      outcome: "success",
      resourceId: cookie.slice(SESSION_COOKIE.length + 1).split(".")[0],
    });
    const everything = JSON.stringify(await api.db.auditRecord.findMany());
    for (const secret of ["grace-password", "grace-wrong-password", "alice-password", typo]) {
      expect(everything).not.toContain(secret);
    }
  });
});
