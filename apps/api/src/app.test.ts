import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { createKeyring } from "@cckm/crypto";
import { createPool, createPrismaClient } from "@cckm/db";
import { createReadinessProbe } from "@cckm/health";
import { AwsClients, OciClients, SapClients } from "@cckm/inventory";
import { createSubmitGroup, JobEventHub } from "@cckm/jobs";
import { createLogger } from "@cckm/log";
import { createMetrics } from "@cckm/metrics";
import { createProducerConnection, createQueue, DEFAULT_QUEUE_SETTINGS, SYNC_JOBS_QUEUE } from "@cckm/queue";
import { createTestDatabase, freePort, testRedisUrl } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.ts";
import { startTestApi, TEST_JWT_SECRET, type TestApi } from "./test-support/api-harness.ts";

const baseConfig = {
  jwtSecret: TEST_JWT_SECRET,
  refreshTokenTtlSeconds: 3600,
  loginMaxFailures: 5,
  loginMaxFailuresPerAddress: 50,
  loginFailureWindowSeconds: 600,
};

describe("api health and edge", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it("is live and ready with Postgres, Redis and every migration", async () => {
    const live = await api.request("GET", "/healthz");
    expect(live.status).toBe(200);
    expect(live.headers.get("x-powered-by")).toBeNull();
    expect(live.headers.get("x-content-type-options")).toBe("nosniff");
    expect(live.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const ready = await api.request("GET", "/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      ok: true,
      checks: { postgres: { ok: true }, redis: { ok: true }, migrations: { ok: true } },
    });
  });

  it("keeps a sane client request id and replaces an odd one", async () => {
    const kept = await api.request("GET", "/healthz", { headers: { "x-request-id": "trace-42.a_b" } });
    expect(kept.headers.get("x-request-id")).toBe("trace-42.a_b");
    const replaced = await api.request("GET", "/healthz", { headers: { "x-request-id": "bad id\u00e9<script>" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers unknown routes and malformed bodies with CipherTrust's error body, never a 500", async () => {
    const missing = await api.request("GET", "/api/v1/nothing-here");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      code: 16,
      codeDesc: "NCERRResourceNotFound: Resource not found",
      message: "no route for GET /api/v1/nothing-here",
      requestID: missing.headers.get("x-request-id"),
    });
    const malformed = await api.request("POST", "/api/v1/auth/tokens", { body: "{not json" });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      code: 9,
      codeDesc: expect.stringMatching(/^NCERRInvalidParamValue: /),
    });
    const huge = await api.request("POST", "/api/v1/auth/tokens", { body: { blob: "x".repeat(200_000) } });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { codeDesc: string }).codeDesc).toMatch(/^NCERR/);
  });
});

describe("bad percent-encoding and Content-Encoding", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  const post = (encoding: string, body: Uint8Array | string) =>
    fetch(`${api.url}/api/v1/auth/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-encoding": encoding },
      body,
    });
  const signIn = JSON.stringify({ grant_type: "password", username: "nobody", password: "not-a-password" });

  it("answers a path id that is not percent-encoding 400, whoever asks", async () => {
    const { jwt } = await api
      .createUser("pct-admin", "pct-password", ["admin"])
      .then(() => api.login("pct-admin", "pct-password"));
    for (const path of ["/cckm/sap/keys/%ZZ", "/cckm/sap/keys/jobs/%", "/usermgmt/users/%E0%A4%A", "/auth/tokens/%"]) {
      for (const token of [jwt, undefined]) {
        const res = await api.request(path.startsWith("/auth") ? "DELETE" : "GET", `/api/v1${path}`, { token });
        expect(res.status, path).toBe(400);
        expect(await res.json()).toEqual({
          code: 9,
          codeDesc: "NCERRInvalidParamValue: Invalid parameter value",
          message: "malformed percent-encoding in the path",
          requestID: res.headers.get("x-request-id"),
        });
      }
    }
  });

  it("answers a body that is not what its Content-Encoding says 400, an encoding we do not read 415", async () => {
    const gzipped = gzipSync(signIn);
    for (const [encoding, body] of [
      ["gzip", signIn],
      ["deflate", signIn],
      ["br", signIn],
      ["gzip", gzipped.subarray(0, gzipped.length - 8)],
      ["br", gzipped],
    ] as const) {
      const res = await post(encoding, body);
      expect(res.status, encoding).toBe(400);
      expect(await res.json()).toMatchObject({
        code: 9,
        codeDesc: "NCERRInvalidParamValue: Invalid parameter value",
      });
    }
    for (const encoding of ["x-unknown", "compress", "gzip, br", "zstd"]) {
      const res = await post(encoding, signIn);
      expect(res.status, encoding).toBe(415);
      expect(await res.json()).toMatchObject({ code: 9, codeDesc: "NCERRInvalidParamValue: Unsupported media type" });
    }
    // The size limit holds for the inflated bytes: a small gzip of a large body is too large.
    const bomb = await post("gzip", gzipSync(JSON.stringify({ blob: " ".repeat(1_000_000) })));
    expect(bomb.status).toBe(413);
    // What the encodings say they are is read: a wrong password, not a refused body.
    for (const [encoding, body] of [
      ["gzip", gzipped],
      ["deflate", deflateSync(signIn)],
      ["br", brotliCompressSync(signIn)],
      ["identity", signIn],
    ] as const) {
      expect((await post(encoding, body)).status, encoding).toBe(401);
    }
  });
});

describe("readiness without its dependencies", () => {
  it("is not ready while migrations are pending, or Redis or Postgres is away, and says which", async () => {
    const empty = await createTestDatabase({ migrated: false });
    const pending = await createReadinessProbe({ databaseUrl: empty.url, redis: testRedisUrl() });
    const closed = await freePort();
    const away = await createReadinessProbe({
      databaseUrl: `postgresql://postgres@127.0.0.1:${closed}/nothing`,
      redis: `redis://127.0.0.1:${closed}`,
    });
    try {
      const a = await pending.check();
      expect(a.ok).toBe(false);
      expect(a.checks.migrations).toEqual({
        ok: false,
        error: expect.stringMatching(/^pending migrations: \d{14}_init/),
      });
      const b = await away.check();
      expect(b.ok).toBe(false);
      expect(b.checks.postgres.ok).toBe(false);
      expect(b.checks.redis.ok).toBe(false);
      expect(b.checks.postgres.error).toMatch(/ECONNREFUSED|connect/);
    } finally {
      await pending.close();
      await away.close();
      await empty.drop();
    }
  });
});

describe("a real failure inside", () => {
  it("answers 500 with CipherTrust's body and nothing of the internals", async () => {
    // A database without our tables: every query is a fault of ours (an unreachable one is a 503).
    const unmigrated = await createTestDatabase({ migrated: false });
    const closed = await freePort();
    const pool = createPool(unmigrated.url, { max: 1 });
    const db = createPrismaClient(pool);
    const redis = createProducerConnection(`redis://127.0.0.1:${closed}`, "unreachable");
    const keyring = createKeyring({ id: "kek-test", base64: Buffer.alloc(32, 1).toString("base64") });
    const queue = createQueue(SYNC_JOBS_QUEUE, redis, { prefix: "{cckmt-none}", ...DEFAULT_QUEUE_SETTINGS }, () => {});
    redis.on("error", () => {});
    const readiness = await createReadinessProbe({
      databaseUrl: `postgresql://postgres@127.0.0.1:${closed}/nowhere`,
      redis: `redis://127.0.0.1:${closed}`,
    });
    const app = createApp({
      db,
      pool,
      redis,
      logger: createLogger("api-test", "silent"),
      readiness,
      keyring,
      sapClients: new SapClients(keyring, { timeoutMs: 1000 }),
      awsClients: new AwsClients(keyring),
      ociClients: new OciClients(keyring, { timeoutMs: 1000 }),
      queues: { of: () => queue, all: [queue], close: () => queue.close() },
      submitJob: createSubmitGroup(pool),
      metrics: createMetrics("api-test"),
      jobEvents: new JobEventHub({ connectionString: unmigrated.url }),
      config: { ...baseConfig, redisPrefix: "{cckmt-none}" },
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const res = await fetch(`${url}/api/v1/auth/tokens`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ grant_type: "password", username: "admin", password: "whatever" }),
      });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        code: 14,
        codeDesc: "NCERRInternalServerError: Internal Server Error",
        message: "Internal Server Error",
        requestID: res.headers.get("x-request-id"),
      });
      expect(text).not.toMatch(/ECONNREFUSED|prisma|at |\.ts/i);
    } finally {
      server.close();
      await queue.close();
      await readiness.close();
      redis.disconnect();
      await db.$disconnect();
      await pool.end();
      await unmigrated.drop();
    }
  });
});
