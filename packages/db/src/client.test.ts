import { createTestDatabase, type TestDatabase } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool, createPrismaClient } from "./client.ts";

describe("createPool (real Postgres)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it("hears an idle connection's death instead of crashing the process, and goes on with a new one", async () => {
    let heard: (error: Error) => void = () => {};
    const lost = new Promise<Error>((resolve) => {
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
      expect((await lost).message).toMatch(/terminat/i);
      // Raw SQL and Prisma both go on over a fresh connection.
      expect((await pool.query<{ n: number }>("SELECT 2 AS n")).rows[0]?.n).toBe(2);
      expect(await db.sapKeyJob.count()).toBe(0);
    } finally {
      await db.$disconnect();
      await pool.end();
    }
  });
});
