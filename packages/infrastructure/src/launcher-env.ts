import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type LauncherEnv, launcherEnvSchema, loadEnv } from "@cckm/config";
import type { InfrastructureChoice } from "./infrastructure.ts";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/**
 * The launcher's road to Postgres and Redis from its variables (the launcher part of the schema):
 * what the caller configured, else the local servers at STACK_LOCAL_*, else its own under `dataDir`.
 */
export function infrastructureChoice(
  env: LauncherEnv,
  given: {
    databaseUrl: string | undefined;
    redisUrl: string | undefined;
    dataDir: string;
    /** The variables `databaseUrl` and `redisUrl` came from (for messages). */
    names?: { database: string; redis: string };
    /** The database to use (default `cckm`; null: the admin database, for a test run's clones). */
    database?: string | null;
    /** Ports of the launcher's own servers, when not the STACK_* ones. */
    ports?: { postgres: number; redis: number };
  },
): InfrastructureChoice {
  return {
    postgres: {
      configured: given.databaseUrl,
      configuredName: given.names?.database ?? "DATABASE_URL",
      localAdminUrl: env.STACK_LOCAL_POSTGRES_URL,
      embeddedPort: given.ports?.postgres ?? env.STACK_EMBEDDED_POSTGRES_PORT,
      dataDir: given.dataDir,
      ...(given.database !== undefined ? { database: given.database } : {}),
    },
    redis: {
      configured: given.redisUrl,
      configuredName: given.names?.redis ?? "REDIS_URL",
      localUrl: env.STACK_LOCAL_REDIS_URL,
      ownPort: given.ports?.redis ?? env.STACK_REDIS_PORT,
      dataDir: given.dataDir,
    },
  };
}

/**
 * The road of a run that makes its own database (the test setup, the bench): the admin connection
 * in `variables.database` and the Redis in `variables.redis` when set, else the local servers at
 * STACK_LOCAL_*, else an embedded Postgres and a redis-server of the run's own under `dataDir`.
 */
export function runInfrastructureChoice(
  source: Record<string, string | undefined>,
  given: {
    variables: { database: string; redis: string };
    /** The database to use on the server (made when missing); null: the admin database. */
    database: string | null;
    dataDir: string;
    ports: { postgres: number; redis: number };
  },
): InfrastructureChoice {
  const choice = infrastructureChoice(loadEnv(source, launcherEnvSchema), {
    databaseUrl: source[given.variables.database] || undefined,
    redisUrl: source[given.variables.redis] || undefined,
    names: given.variables,
    database: given.database,
    dataDir: given.dataDir,
    ports: given.ports,
  });
  return { ...choice, postgres: { ...choice.postgres, configuredIsAdmin: true } };
}

/**
 * The test setup's road (packages/testkit's global setup), which is `npm start`'s: TEST_DATABASE_URL
 * (an admin connection) and TEST_REDIS_URL when set, else the local servers at STACK_LOCAL_*, else
 * an embedded Postgres and a redis-server of the run's own under `dataDir`, on the ports given.
 */
export function testInfrastructureChoice(
  source: Record<string, string | undefined>,
  dataDir: string,
  ports: { postgres: number; redis: number },
): InfrastructureChoice {
  return runInfrastructureChoice(source, {
    variables: { database: "TEST_DATABASE_URL", redis: "TEST_REDIS_URL" },
    database: null,
    dataDir,
    ports,
  });
}
