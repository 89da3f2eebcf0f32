import { randomBytes } from "node:crypto";
import { migrate } from "@cckm/db";
import { Redis } from "ioredis";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { testPgAdminUrl, testRedisUrl, withDatabase } from "./env.ts";

async function adminQuery(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: testPgAdminUrl() });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/**
 * Once per test run: a template database with every migration applied, which each test file
 * clones. Teardown drops every database and Redis key of this run, and fails the run when a
 * test left one behind.
 */
export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const templateDb = `cckm_tpl_${runId}`;
  await adminQuery(`CREATE DATABASE "${templateDb}"`);
  await migrate({ connectionString: withDatabase(testPgAdminUrl(), templateDb) });
  project.provide("cckmTestRun", { runId, templateDb });

  return async function teardown() {
    const { rows } = await adminQuery("SELECT datname FROM pg_database WHERE datname LIKE $1", [`cckm_t_${runId}_%`]);
    for (const { datname } of rows) await adminQuery(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await adminQuery(`DROP DATABASE IF EXISTS "${templateDb}" WITH (FORCE)`);
    const redis = new Redis(testRedisUrl());
    let leftKeys = 0;
    try {
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", `{cckmt-${runId}-*`, "COUNT", 1000);
        cursor = next;
        leftKeys += keys.length;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== "0");
    } finally {
      redis.disconnect();
    }
    if (rows.length > 0 || leftKeys > 0) {
      throw new Error(`tests left ${rows.length} database(s) and ${leftKeys} Redis key(s) behind (now removed)`);
    }
  };
}
