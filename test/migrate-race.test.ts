import { readMigrations } from "@cckm/db";
import { createTestDatabase, liveProcesses, spawnTs, type TestDatabase } from "@cckm/testkit";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

describe("two processes migrating one database at once", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => {
    await db.drop();
    expect(liveProcesses()).toBe(0);
  });

  it("produce one applied set: one applies, the other waits and finds nothing to do", async () => {
    const files = await readMigrations();
    const runners = [0, 1].map(() => spawnTs("packages/db/src/cli/migrate.ts", { DATABASE_URL: db.url }));
    const exits = await Promise.all(runners.map((r) => r.exited));
    expect(exits.map((e) => e.code)).toEqual([0, 0]);
    const summaries = runners.map((r) =>
      r
        .output()
        .match(/migrations: (\d+) applied, (\d+) already applied/)
        ?.slice(1),
    );
    expect(summaries.map((s) => s?.join("/")).sort()).toEqual([`0/${files.length}`, `${files.length}/0`]);

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ migration_name: string; n: string }>(
      `SELECT migration_name, count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL GROUP BY 1 ORDER BY 1`,
    );
    await client.end();
    expect(rows).toEqual(files.map((f) => ({ migration_name: f.name, n: "1" })));
  });
});
