import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api-harness.ts";

const USERS = "/api/v1/usermgmt/users";

describe("/usermgmt/users and /audit/records", () => {
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

  it("creates a user (201, never the hash) and refuses a second one of that name (409)", async () => {
    const res = await api.request("POST", USERS, {
      token: admin,
      body: { username: "erin", password: "erin-password", email: "erin@example.com", groups: ["CCKM Users"] },
    });
    expect(res.status).toBe(201);
    const user = (await res.json()) as Record<string, unknown>;
    expect(user).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      uri: `kylo:kylo:usermgmt:users:${user.id}`,
      account: "kylo:kylo:admin:accounts:kylo",
      createdAt: expect.stringMatching(/Z$/),
      updatedAt: expect.stringMatching(/Z$/),
      user_id: `local|${user.id}`,
      username: "erin",
      nickname: null,
      email: "erin@example.com",
      groups: ["CCKM Users"],
    });
    const again = await api.request("POST", USERS, {
      token: admin,
      body: { username: "erin", password: "another-password" },
    });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ codeDesc: expect.stringMatching(/^NCERRConflict: /) });
    // The new user can sign in, and as a CCKM User may not manage users.
    const erin = await api.login("erin", "erin-password");
    expect((await api.request("GET", USERS, { token: erin.jwt })).status).toBe(403);
  });

  it("names every problem of a bad body", async () => {
    const res = await api.request("POST", USERS, {
      token: admin,
      body: { username: "bad name!", password: "short", groups: ["root"], email: "x" },
    });
    expect(res.status).toBe(400);
    const { message } = (await res.json()) as { message: string };
    for (const field of ["body.username", "body.password", "body.email", "body.groups.0"])
      expect(message).toContain(field);
  });

  it("lists with the CipherTrust envelope, filters, sort and paging", async () => {
    for (const name of ["frank", "grace", "heidi"]) {
      await api.request("POST", USERS, {
        token: admin,
        body: { username: name, password: "long-enough", groups: ["CCKM Admins"] },
      });
    }
    const page = await api.request("GET", `${USERS}?group=CCKM%20Admins&sort=-username&limit=2`, { token: admin });
    expect(page.status).toBe(200);
    const body = (await page.json()) as {
      skip: number;
      limit: number;
      total: number;
      resources: Array<{ username: string }>;
    };
    expect(body).toMatchObject({ skip: 0, limit: 2, total: 3 });
    expect(body.resources.map((r) => r.username)).toEqual(["heidi", "grace"]);
    const next = (await (
      await api.request("GET", `${USERS}?group=CCKM%20Admins&sort=-username&limit=2&skip=2`, { token: admin })
    ).json()) as typeof body;
    expect(next.resources.map((r) => r.username)).toEqual(["frank"]);
    for (const bad of [
      "limit=0",
      "limit=-2",
      "limit=1001",
      "skip=-1",
      "sort=password",
      "sort=username,-username",
      "limit=1&limit=2",
    ]) {
      expect((await api.request("GET", `${USERS}?${bad}`, { token: admin })).status, bad).toBe(400);
    }
    // Unknown parameters are ignored, as CipherTrust does.
    expect((await api.request("GET", `${USERS}?unknown=1&group=CCKM%20Admins`, { token: admin })).status).toBe(200);
    // sort is a comma list; limit=-1 is every match.
    const all = (await (
      await api.request("GET", `${USERS}?sort=-createdAt,username&limit=-1`, { token: admin })
    ).json()) as typeof body;
    expect(all).toMatchObject({ skip: 0, limit: -1, total: all.resources.length });
    expect(all.resources.length).toBeGreaterThanOrEqual(4);
  });

  it("gets and deletes a user; the built-in admin stays; deletion is audited", async () => {
    const created = (await (
      await api.request("POST", USERS, { token: admin, body: { username: "ivan", password: "long-enough" } })
    ).json()) as { id: string };
    expect((await api.request("GET", `${USERS}/${created.id}`, { token: admin })).status).toBe(200);
    // The user_id CipherTrust hands out addresses the user too, raw or URL-encoded.
    for (const ref of [`local|${created.id}`, `local%7C${created.id}`]) {
      expect((await api.request("GET", `${USERS}/${ref}`, { token: admin })).status, ref).toBe(200);
    }
    expect((await api.request("GET", `${USERS}/ldap%7C${created.id}`, { token: admin })).status).toBe(400);
    expect((await api.request("DELETE", `${USERS}/${created.id}`, { token: admin })).status).toBe(204);
    expect((await api.request("GET", `${USERS}/${created.id}`, { token: admin })).status).toBe(404);
    const adminId = (await api.db.user.findUniqueOrThrow({ where: { username: "admin" } })).id;
    expect((await api.request("DELETE", `${USERS}/${adminId}`, { token: admin })).status).toBe(409);

    const audit = await api.request("GET", `/api/v1/audit/records?resource_id=${created.id}`, { token: admin });
    const records = (await audit.json()) as { total: number; resources: Array<Record<string, unknown>> };
    expect(records.resources.map((r) => [r.action, r.outcome, r.status, r.actor_name])).toEqual([
      ["user.delete", "success", 204, "admin"],
      ["user.create", "success", 201, "admin"],
    ]);
    expect(records.resources[0]).toMatchObject({ request_id: expect.any(String), resource_type: "user" });
  });

  it("audits every state-changing request with its request id, and never a password", async () => {
    const res = await api.request("POST", USERS, {
      token: admin,
      headers: { "x-request-id": "req-audit-1" },
      body: { username: "judy", password: "judy-secret-password" },
    });
    expect(res.status).toBe(201);
    const records = (await (
      await api.request("GET", "/api/v1/audit/records?request_id=req-audit-1", { token: admin })
    ).json()) as {
      resources: Array<Record<string, unknown>>;
    };
    expect(records.resources).toHaveLength(1);
    expect(records.resources[0]).toMatchObject({ action: "user.create", outcome: "success", actor_name: "admin" });
    const all = await api.db.auditRecord.findMany();
    expect(JSON.stringify(all)).not.toContain("judy-secret-password");
  });
});
