import { createTestDatabase, startTcpProxy, type TestDatabase, testPgAdminUrl, testRedisUrl } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReadinessProbe } from "./readiness.ts";

/** Polls the probe until it says `ok` (the condition, not a fixed wait). */
async function until(probe: Awaited<ReturnType<typeof createReadinessProbe>>, ok: boolean) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const report = await probe.check();
    if (report.ok === ok) return report;
    if (Date.now() > deadline) throw new Error(`readiness stayed ${JSON.stringify(report)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("readiness follows its dependencies, without a restart", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it("turns red while Postgres or Redis is gone, and green when they are back", async () => {
    const pgProxy = await startTcpProxy(Number(new URL(testPgAdminUrl()).port || 5432));
    const redisProxy = await startTcpProxy(Number(new URL(testRedisUrl()).port || 6379));
    const url = new URL(db.url);
    url.port = String(pgProxy.port);
    const redisUrl = new URL(testRedisUrl()); // its credentials too (the test run's own redis-server has a password)
    redisUrl.port = String(redisProxy.port);
    const probe = await createReadinessProbe({ databaseUrl: url.toString(), redis: redisUrl.toString() });
    try {
      await until(probe, true);

      await pgProxy.down();
      const noPostgres = await until(probe, false);
      expect(noPostgres.checks.postgres.ok).toBe(false);
      expect(noPostgres.checks.redis.ok).toBe(true);
      await pgProxy.up();
      await until(probe, true);

      await redisProxy.down();
      const noRedis = await until(probe, false);
      expect(noRedis.checks.redis.ok).toBe(false);
      expect(noRedis.checks.postgres.ok).toBe(true);
      await redisProxy.up();
      expect((await until(probe, true)).checks).toEqual({
        postgres: { ok: true },
        redis: { ok: true },
        migrations: { ok: true },
      });
    } finally {
      await probe.close();
      await pgProxy.close();
      await redisProxy.close();
    }
  });
});
