import { createTestDatabase, type TestDatabase } from "@cckm/testkit";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDmmf, readSchema } from "./support/dmmf.ts";
import { diffSchema } from "./support/schema-diff.ts";

let migrated: TestDatabase;
let drifted: TestDatabase;
beforeAll(async () => {
  [migrated, drifted] = await Promise.all([createTestDatabase(), createTestDatabase()]);
});
afterAll(async () => {
  await Promise.all([migrated.drop(), drifted.drop()]);
});

describe("schema.prisma and the migrations", () => {
  it("describe the same database", async () => {
    const schema = await readSchema();
    expect(await diffSchema(await loadDmmf(schema), schema, migrated.url)).toEqual([]);
  });

  it("are told apart when they drift", async () => {
    const client = new pg.Client({ connectionString: drifted.url });
    await client.connect();
    await client.query(`ALTER TABLE sap_key_jobs DROP COLUMN attempts`);
    await client.query(`ALTER TABLE sap_keys ADD COLUMN shadow TEXT`);
    await client.query(`ALTER TABLE users ALTER COLUMN email SET NOT NULL`);
    await client.query(`DROP INDEX sap_key_jobs_one_active_per_key`);
    await client.query(
      `CREATE UNIQUE INDEX sap_key_jobs_one_active_per_key ON sap_key_jobs (cckm_key_id) WHERE state = 'PENDING'`,
    );
    await client.query(`ALTER TYPE job_state ADD VALUE 'CANCELLED'`);
    await client.query(`CREATE INDEX stray_idx ON sap_keys (type)`);
    await client.end();
    const schema = await readSchema();
    const diffs = await diffSchema(await loadDmmf(schema), schema, drifted.url);
    expect(diffs).toEqual(
      expect.arrayContaining([
        "column sap_key_jobs.attempts: missing in the database",
        "column sap_keys.shadow: not in schema.prisma",
        "column users.email: nullable NO in the database, YES in the schema",
        expect.stringMatching(/^index sap_key_jobs_one_active_per_key: predicate/),
        expect.stringMatching(/^enum job_state: /),
        "index stray_idx on sap_keys: not in schema.prisma",
      ]),
    );
  });
});
