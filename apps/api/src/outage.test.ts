import { insertInventoryStub, startTcpProxy, type TcpProxy, testPgAdminUrl, testRedisUrl } from "@cckm/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "./test-support/api-harness.ts";

const SIGN_IN = "/api/v1/auth/tokens";

/** Every sign-in counter of this API's Redis prefix, by key (the throttle's own view). */
async function loginCounts(api: TestApi): Promise<number[]> {
  const keys = await api.redis.keys(`${api.config.redisPrefix}:login-failures:*`);
  if (keys.length === 0) return [];
  return (await api.redis.mget(...keys)).map(Number);
}

async function expectUnavailable(res: Response): Promise<void> {
  expect(res.status).toBe(503);
  expect(res.headers.get("retry-after")).toBe("5");
  expect(await res.json()).toEqual({
    code: 503,
    codeDesc: "NCERRServiceUnavailable: Service unavailable",
    message: "the database is unavailable; try again later",
    requestID: res.headers.get("x-request-id"),
  });
}

describe("a Postgres outage (the API's Postgres behind a proxy the test cuts)", () => {
  let proxy: TcpProxy;
  let api: TestApi;
  let token: string;
  let keyId: string;
  beforeAll(async () => {
    proxy = await startTcpProxy(Number(new URL(testPgAdminUrl()).port || 5432));
    // Short bounds, so the silent network below takes a second, not the defaults' 5 s and 30 s.
    api = await startTestApi(
      { loginMaxFailures: 5, loginMaxFailuresPerAddress: 5 },
      { postgresPort: proxy.port, pool: { connectionTimeoutMillis: 500, queryTimeoutMillis: 1000 } },
    );
    await api.createUser("operator", "the-right-password", ["admin"]);
    token = (await api.login("operator", "the-right-password")).jwt;
    keyId = (await (await insertInventoryStub(api.db)).key("outage-key")).id;
  });
  afterEach(async () => {
    await proxy.down(); // whatever a test left, Postgres is reachable again for the next
    await proxy.up();
  });
  afterAll(async () => {
    await api?.close();
    await proxy?.close();
  });

  it("answers sign-ins 503 with Retry-After and counts none of them toward a lockout", async () => {
    await proxy.down();
    // More than the 5 allowed failures, per username and per address, right and wrong passwords alike:
    // while Postgres is away nobody can tell a wrong password.
    for (const password of ["the-right-password", "a-wrong-password"]) {
      for (let i = 0; i < 4; i++) {
        const res = await api.request("POST", SIGN_IN, {
          body: { grant_type: "password", username: "operator", password },
        });
        await expectUnavailable(res);
      }
    }
    // The board's sign-in shares the check and the counters.
    const board = await fetch(`${api.url}/admin/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: api.url },
      body: "username=operator&password=a-wrong-password",
      redirect: "manual",
    });
    await expectUnavailable(board);
    expect((await loginCounts(api)).every((n) => n === 0)).toBe(true);
    await proxy.up();
    expect((await api.login("operator", "the-right-password")).jwt).toBeTruthy();
  });

  it("answers data routes 503 with Retry-After while Postgres is away, and 200 when it is back", async () => {
    const routes: [string, string, unknown?][] = [
      ["GET", "/api/v1/cckm/sap/keys"],
      ["GET", `/api/v1/cckm/sap/keys/${keyId}`],
      ["GET", "/api/v1/cckm/sap/keys/jobs"],
      ["GET", "/api/v1/usermgmt/users"],
    ];
    await proxy.down();
    for (const [method, path] of routes) await expectUnavailable(await api.request(method, path, { token }));
    await expectUnavailable(
      await api.request("POST", "/api/v1/cckm/sap/keys/jobs", { token, body: { id: keyId, operation: "delete" } }),
    );
    await proxy.up();
    for (const [method, path] of routes) expect((await api.request(method, path, { token })).status).toBe(200);
  });

  it("answers within its bounds when the network to Postgres goes silent, and recovers after", async () => {
    proxy.stall(); // open connections stop forwarding; new ones are accepted and never answered
    const started = Date.now();
    const [onOpenConnection, onNewConnections] = await Promise.all([
      api.request("GET", "/api/v1/cckm/sap/keys/jobs", { token }),
      api.request("POST", SIGN_IN, {
        body: { grant_type: "password", username: "operator", password: "the-right-password" },
      }),
    ]);
    await expectUnavailable(onOpenConnection);
    await expectUnavailable(onNewConnections);
    // The pool's bounds (a 1 s statement, a 0.5 s connect, an audit write after the sign-in), not a hang.
    expect(Date.now() - started).toBeLessThan(8000);
    expect((await loginCounts(api)).every((n) => n === 0)).toBe(true);
    await proxy.down();
    await proxy.up();
    expect((await api.request("GET", "/api/v1/cckm/sap/keys/jobs", { token })).status).toBe(200);
  });
});

describe("a Redis outage (the API's Redis behind a proxy the test cuts)", () => {
  let proxy: TcpProxy;
  let api: TestApi;
  beforeAll(async () => {
    proxy = await startTcpProxy(Number(new URL(testRedisUrl()).port || 6379));
    api = await startTestApi({}, { redisPort: proxy.port });
    await api.createUser("operator", "the-right-password", ["admin"]);
  });
  afterAll(async () => {
    await api?.close();
    await proxy?.close();
  });

  it("still signs in (the throttle fails open) and records a job, which the reconciler enqueues later", async () => {
    const keyId = (await (await insertInventoryStub(api.db)).key("redis-outage-key")).id;
    await proxy.down();
    const { jwt } = await api.login("operator", "the-right-password");
    const started = Date.now();
    const res = await api.request("POST", "/api/v1/cckm/sap/keys/jobs", {
      token: jwt,
      body: { id: keyId, operation: "delete" },
    });
    // Committed in Postgres before the enqueue: a 503 would invite a retry of a job that exists.
    expect(res.status).toBe(201);
    expect(((await res.json()) as { state: string }).state).toBe("PENDING");
    expect(Date.now() - started).toBeLessThan(5000);
    await proxy.up();
  });
});
