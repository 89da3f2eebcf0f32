import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { LauncherEnv } from "@cckm/config";
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
