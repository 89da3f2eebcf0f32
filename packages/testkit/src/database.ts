import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { testPgAdminUrl, withDatabase } from "./env.ts";

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testPgAdminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A database of this test file's own: a clone of the migrated template, or empty with
 * `{ migrated: false }`. Call drop() in afterAll; the run's teardown fails if one is left.
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const { runId, templateDb } = inject("cckmTestRun");
  const name = `cckm_t_${runId}_${randomBytes(4).toString("hex")}`;
  const template = options.migrated === false ? "template0" : templateDb;
  await admin(async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        // 55006: another clone of the template is being made right now.
        if ((error as { code?: string }).code !== "55006" || attempt >= 20) throw error;
        await new Promise((r) => setTimeout(r, 50 + attempt * 25));
      }
    }
  });
  return {
    name,
    url: withDatabase(testPgAdminUrl(), name),
    drop: () => admin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}
