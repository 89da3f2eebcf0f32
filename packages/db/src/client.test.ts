import { createTestDatabase, startTcpProxy, type TestDatabase } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool, createPrismaClient, type PoolConnectionError } from "./client.ts";
import { isDatabaseUnavailable } from "./unavailable.ts";

describe("createPool (real Postgres)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it("hears an idle connection's death instead of crashing the process, and goes on with a new one", async () => {
    let heard: (error: PoolConnectionError) => void = () => {};
    const lost = new Promise<PoolConnectionError>((resolve) => {
      heard = resolve;
    });
    const pool = createPool(database.url, { max: 1, applicationName: "cckm-idle-victim", onError: heard });
    const db = createPrismaClient(pool);
    try {
      await pool.query("SELECT 1"); // the connection is now idle in the pool
      const killer = createPool(database.url, { max: 1 });
      await killer.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'cckm-idle-victim'",
      );
      await killer.end();
      // Its code and message only: never the client (cancel key) or the driver error's other fields.
      expect(await lost).toEqual({ code: "57P01", message: expect.stringMatching(/terminat/i) });
      // Raw SQL and Prisma both go on over a fresh connection.
      expect((await pool.query<{ n: number }>("SELECT 2 AS n")).rows[0]?.n).toBe(2);
      expect(await db.sapKeyJob.count()).toBe(0);
    } finally {
      await db.$disconnect();
      await pool.end();
    }
  });

  it("bounds a connection to a silent network by default, for raw SQL and Prisma alike", async () => {
    const proxy = await startTcpProxy(Number(new URL(database.url).port || 5432));
    const url = new URL(database.url);
    url.port = String(proxy.port);
    proxy.stall();
    const pool = createPool(url.toString(), { max: 1 });
    const prisma = createPrismaClient(url.toString(), { max: 1 });
    try {
      // What a statement on a connection that went silent waits for (nothing else sets an upper bound).
      expect(pool.options).toMatchObject({ connectionTimeoutMillis: 5000, query_timeout: 30_000, keepAlive: true });
      const started = Date.now();
      const [raw, viaPrisma] = await Promise.all([
        pool.query("SELECT 1").catch((e: unknown) => e),
        prisma.$queryRawUnsafe("SELECT 1").catch((e: unknown) => e),
      ]);
      expect(isDatabaseUnavailable(raw)).toBe(true);
      expect(isDatabaseUnavailable(viaPrisma)).toBe(true);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await proxy.down();
      await prisma.$disconnect();
      await pool.end();
    }
  });
});
