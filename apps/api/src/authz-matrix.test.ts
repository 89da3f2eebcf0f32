import { randomUUID } from "node:crypto";
import { signAccessToken } from "@cckm/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_PREFIX } from "./app.ts";
import { apiRoutes, type RouteDef } from "./routes.ts";
import { startTestApi, type TestApi, type TokenResponse } from "./test-support/api-harness.ts";

type Caller = "none" | "expired" | "forged" | "algNone" | "noGroup" | "readOnly" | "admin";
const CALLERS: Caller[] = ["none", "expired", "forged", "algNone", "noGroup", "readOnly", "admin"];

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

/** What each caller must get on a route that needs `access`: a status, or "allowed" (neither 401 nor 403). */
function expected(route: RouteDef, caller: Caller): 401 | 403 | "allowed" {
  if (route.access === "public") return "allowed";
  if (caller === "admin") return "allowed";
  if (route.access === "authenticated" && (caller === "readOnly" || caller === "noGroup")) return "allowed";
  if (caller === "readOnly") return route.access === "read" ? "allowed" : 403;
  if (caller === "noGroup") return 403;
  return 401;
}

describe("every route × every kind of caller", () => {
  let api: TestApi;
  const tokens = {} as Record<Caller, string | undefined>;

  beforeAll(async () => {
    api = await startTestApi();
    await api.createUser("matrix-admin", "admin-password", ["admin"]);
    await api.createUser("matrix-reader", "reader-password", ["CCKM Users"]);
    await api.createUser("matrix-nobody", "nobody-password", []);
    const admin: TokenResponse = await api.login("matrix-admin", "admin-password");
    const reader = await api.login("matrix-reader", "reader-password");
    const adminUser = await api.db.user.findUniqueOrThrow({ where: { username: "matrix-admin" } });
    const subject = {
      userId: adminUser.id,
      username: "matrix-admin",
      groups: ["admin"],
      sessionId: admin.refresh_token_id,
      clientId: admin.client_id,
    };
    const [, payload] = admin.jwt.split(".");
    tokens.none = undefined;
    tokens.admin = admin.jwt;
    tokens.readOnly = reader.jwt;
    tokens.noGroup = (await api.login("matrix-nobody", "nobody-password")).jwt;
    tokens.expired = (await signAccessToken(subject, api.config.jwtSecret, new Date(Date.now() - 3_600_000))).jwt;
    tokens.forged = (await signAccessToken(subject, "someone-elses-secret-0123456789abcdef")).jwt;
    tokens.algNone = `${b64({ alg: "none", typ: "JWT" })}.${payload}.`;
  });
  afterAll(async () => {
    await api.close();
  });

  const cases = apiRoutes.flatMap((route) => CALLERS.map((caller) => ({ route, caller })));
  it.each(cases)("$route.method $route.path as $caller", async ({ route, caller }) => {
    const path = `${API_PREFIX}${route.path.replaceAll(":id", randomUUID())}`;
    const res = await api.request(route.method.toUpperCase(), path, {
      ...(tokens[caller] ? { token: tokens[caller] } : {}),
      ...(route.method === "post" || route.method === "patch" ? { body: {} } : {}),
    });
    const want = expected(route, caller);
    const body = (await res.json().catch(() => null)) as { code?: number; codeDesc?: string } | null;
    if (want === "allowed") {
      expect([401, 403], `${res.status} ${JSON.stringify(body)}`).not.toContain(res.status);
      expect(res.status).toBeLessThan(500);
    } else {
      expect(res.status, JSON.stringify(body)).toBe(want);
      expect(body?.codeDesc).toMatch(want === 401 ? /^NCERRUnauthorizedAccess: / : /^NCERRForbidden: /);
      expect(body?.code).toBe(want === 401 ? 5 : 403);
    }
  });

  // The list's watch (server-sent events, issue 17) is the list's route with watch=true: the same rights. An
  // allowed caller's stream never ends by itself, so it is read up to its headers and closed.
  it.each(CALLERS)("get /cckm/sap/keys/jobs?watch=true as %s", async (caller) => {
    const list = apiRoutes.find((r) => r.method === "get" && r.path === "/cckm/sap/keys/jobs") as RouteDef;
    const controller = new AbortController();
    const auth: Record<string, string> = tokens[caller] ? { authorization: `Bearer ${tokens[caller]}` } : {};
    const res = await fetch(`${api.url}${API_PREFIX}${list.path}?watch=true`, {
      headers: { accept: "text/event-stream", ...auth },
      signal: controller.signal,
    });
    const want = expected(list, caller);
    if (want === "allowed") {
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    } else {
      expect(res.status).toBe(want);
    }
    controller.abort();
  });
});
