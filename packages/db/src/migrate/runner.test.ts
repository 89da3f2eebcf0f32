import { createTestDatabase, type TestDatabase } from "@cckm/testkit";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MigrationError } from "./errors.ts";
import { checksumOf, type MigrationFile, readMigrations } from "./files.ts";
import { migrate, pendingMigrations } from "./runner.ts";

const file = (name: string, sql: string): MigrationFile => ({ name, sql, checksum: checksumOf(sql) });
const m1 = file("20260101000000_one", `CREATE TABLE "one" ("id" INTEGER PRIMARY KEY);`);
const m2 = file("20260102000000_two", `CREATE TABLE "two" ("id" INTEGER PRIMARY KEY);\nINSERT INTO "two" VALUES (1);`);
const broken = file("20260103000000_broken", `CREATE TABLE "three" ("id" INTEGER);\nSELECT * FROM "no_such_table";`);

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase({ migrated: false });
});
afterEach(async () => {
  await db.drop();
});

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function rejection(promise: Promise<unknown>): Promise<MigrationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MigrationError);
  return error as MigrationError;
}

describe("migrate", () => {
  it("applies the project's migrations and records them the way Prisma does", async () => {
    const files = await readMigrations();
    expect(files.length).toBeGreaterThan(0);
    const first = await migrate({ connectionString: db.url, migrations: files });
    expect(first.applied).toEqual(files.map((f) => f.name));

    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
      id: string;
    }>(
      `SELECT id, migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(files[i]?.checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    }

    const second = await migrate({ connectionString: db.url, migrations: files });
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(files.map((f) => f.name));
  });

  it("applies in order only what is pending", async () => {
    await migrate({ connectionString: db.url, migrations: [m1] });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    expect(await pendingMigrations(client, [m1, m2])).toEqual([m2.name]);
    await client.end();
    const result = await migrate({ connectionString: db.url, migrations: [m1, m2] });
    expect(result.applied).toEqual([m2.name]);
    expect(await query(`SELECT id FROM "two"`)).toEqual([{ id: 1 }]);
  });

  it("two migrators racing produce one applied set", async () => {
    const results = await Promise.all([
      migrate({ connectionString: db.url, migrations: [m1, m2] }),
      migrate({ connectionString: db.url, migrations: [m1, m2] }),
    ]);
    const appliedCounts = results.map((r) => r.applied.length).sort();
    expect(appliedCounts).toEqual([0, 2]);
    const rows = await query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations"`);
    expect(rows.map((r) => r.migration_name).sort()).toEqual([m1.name, m2.name]);
  });

  it("refuses to run when an applied migration's file was edited, and applies nothing", async () => {
    await migrate({ connectionString: db.url, migrations: [m1] });
    const edited = file(m1.name, `${m1.sql}\n-- edited`);
    const error = await rejection(migrate({ connectionString: db.url, migrations: [edited, m2] }));
    expect(error.code).toBe("MIGRATION_CHECKSUM_MISMATCH");
    expect(error.migration).toBe(m1.name);
    expect(await query(`SELECT to_regclass('"two"')::text AS t`)).toEqual([{ t: null }]);
  });

  it("rolls a failing migration back whole, records nothing, and stops there", async () => {
    const error = await rejection(migrate({ connectionString: db.url, migrations: [m1, broken, m2] }));
    expect(error.code).toBe("MIGRATION_FAILED");
    expect(error.message).toContain("no_such_table");
    const rows = await query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations"`);
    expect(rows.map((r) => r.migration_name)).toEqual([m1.name]);
    expect(await query(`SELECT to_regclass('"three"')::text AS t, to_regclass('"two"')::text AS u`)).toEqual([
      { t: null, u: null },
    ]);
  });

  it("refuses a history with a migration that started and never finished", async () => {
    await migrate({ connectionString: db.url, migrations: [m1] });
    await query(`UPDATE "_prisma_migrations" SET finished_at = NULL`);
    const error = await rejection(migrate({ connectionString: db.url, migrations: [m1, m2] }));
    expect(error.code).toBe("MIGRATION_PREVIOUSLY_FAILED");
  });
});
