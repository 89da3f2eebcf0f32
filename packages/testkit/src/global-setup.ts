import { randomBytes } from "node:crypto";
import { migrate } from "@cckm/db";
import { createRedisConnection, deleteKeys, standaloneTarget } from "@cckm/queue";
import pg from "pg";
import { testPgAdminUrl, testRedisUrl, withDatabase } from "./env.ts";
import { acquireTestInfrastructure } from "./test-infrastructure.ts";

async function adminQuery(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: testPgAdminUrl() });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

async function dropRunKeys(runId: string): Promise<number> {
  const redis = createRedisConnection(standaloneTarget(testRedisUrl()), "tool", "cckm-test-run-cleanup");
  try {
    return await deleteKeys(redis, `{cckmt-${runId}-*`);
  } finally {
    redis.disconnect();
  }
}

/** What a vitest project offers a global setup (`provide`); a stand-in in the setup's own test. */
export interface ProvidingProject {
  provide(key: "cckmTestRun", value: { runId: string; templateDb: string }): void;
}

/**
 * Once per test run: Postgres and Redis as `npm start` finds them (test-infrastructure.ts: the TEST_*
 * variables, else the local servers, else an embedded Postgres and a redis-server of the run's own),
 * then a template database with every migration applied, which each test file clones. Teardown drops
 * every database and Redis key of this run, fails the run when a test left one behind, and stops
 * what the setup started.
 */
export default async function setup(project: ProvidingProject) {
  const infrastructure = await acquireTestInfrastructure((m) => process.stderr.write(`[test setup] ${m}\n`));
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const templateDb = `cckm_tpl_${runId}`;
  try {
    await adminQuery(`CREATE DATABASE "${templateDb}"`);
    await migrate({ connectionString: withDatabase(testPgAdminUrl(), templateDb) });
  } catch (error) {
    await adminQuery(`DROP DATABASE IF EXISTS "${templateDb}" WITH (FORCE)`).catch(() => {});
    await infrastructure.release();
    throw error;
  }
  project.provide("cckmTestRun", { runId, templateDb });

  return async function teardown() {
    try {
      const { rows } = await adminQuery("SELECT datname FROM pg_database WHERE datname LIKE $1", [`cckm_t_${runId}_%`]);
      for (const { datname } of rows) await adminQuery(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      await adminQuery(`DROP DATABASE IF EXISTS "${templateDb}" WITH (FORCE)`);
      const leftKeys = await dropRunKeys(runId);
      if (rows.length > 0 || leftKeys > 0) {
        throw new Error(`tests left ${rows.length} database(s) and ${leftKeys} Redis key(s) behind (now removed)`);
      }
    } finally {
      await infrastructure.release();
    }
  };
}
