import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createReadinessProbe, type ReadinessProbe } from "@cckm/health";
import { createLogger } from "@cckm/log";
import { createTestDatabase, freePort, type TestDatabase, testRedisUrl } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.ts";

const logger = createLogger("api-test", "silent");

async function serve(readiness: ReadinessProbe): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createApp({ logger, readiness }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

describe("api health and edge", () => {
  let migrated: TestDatabase;
  let empty: TestDatabase;
  const probes: ReadinessProbe[] = [];
  const servers: Array<{ close(): Promise<void> }> = [];

  async function start(databaseUrl: string, redisUrl: string) {
    const probe = await createReadinessProbe({ databaseUrl, redisUrl });
    probes.push(probe);
    const s = await serve(probe);
    servers.push(s);
    return s.url;
  }

  beforeAll(async () => {
    [migrated, empty] = await Promise.all([createTestDatabase(), createTestDatabase({ migrated: false })]);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await Promise.all(probes.map((p) => p.close()));
    await Promise.all([migrated.drop(), empty.drop()]);
  });

  it("is live and ready with Postgres, Redis and every migration", async () => {
    const url = await start(migrated.url, testRedisUrl());
    const live = await fetch(`${url}/healthz`);
    expect(live.status).toBe(200);
    expect(live.headers.get("x-powered-by")).toBeNull();
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      ok: true,
      checks: { postgres: { ok: true }, redis: { ok: true }, migrations: { ok: true } },
    });
  });

  it("is not ready while migrations are pending", async () => {
    const url = await start(empty.url, testRedisUrl());
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { checks: { migrations: { ok: boolean; error: string } } };
    expect(body.checks.migrations).toEqual({
      ok: false,
      error: expect.stringMatching(/^pending migrations: \d{14}_init/),
    });
  });

  it("is not ready when Redis or Postgres does not answer, and says which", async () => {
    const closed = await freePort();
    const url = await start(`postgresql://postgres@127.0.0.1:${closed}/nothing`, `redis://127.0.0.1:${closed}`);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { ok: boolean; checks: Record<string, { ok: boolean; error?: string }> };
    expect(body.ok).toBe(false);
    expect(body.checks.postgres?.ok).toBe(false);
    expect(body.checks.redis?.ok).toBe(false);
    expect(body.checks.postgres?.error).toMatch(/ECONNREFUSED|connect/);
  });

  it("answers unknown routes and malformed bodies with CipherTrust's error body, never a 500", async () => {
    const url = await start(migrated.url, testRedisUrl());
    const missing = await fetch(`${url}/api/v1/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      code: 16,
      codeDesc: "NCERRResourceNotFound: Resource not found",
      message: "no route for GET /api/v1/nothing-here",
    });
    const malformed = await fetch(`${url}/api/v1/anything`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      code: 400,
      codeDesc: expect.stringMatching(/^NCERRInvalidParamValue: /),
    });
    const huge = await fetch(`${url}/api/v1/anything`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ blob: "x".repeat(200_000) }),
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { codeDesc: string }).codeDesc).toMatch(/^NCERR/);
  });
});
