import { closeInOrder } from "@cckm/config";
import { type PostgresChoice, type ResolvedPostgres, resolvePostgres } from "./postgres.ts";
import { type RedisChoice, type ResolvedRedis, resolveRedis } from "./redis.ts";

/** Postgres and Redis as the launcher found or started them. */
export interface Infrastructure {
  postgres: ResolvedPostgres;
  redis: ResolvedRedis;
  /** Stops what the launcher started (Redis, then Postgres), each even when the other fails. */
  stop(): Promise<void>;
}

export interface InfrastructureChoice {
  postgres: PostgresChoice;
  redis: RedisChoice;
}

/**
 * The road `npm start` and the test setup both take: each of Postgres and Redis from its variable if
 * set, else the local server if it answers, else one of the launcher's own under the data dir (an
 * embedded Postgres; a redis-server from PATH). When Redis cannot be had, the Postgres it started stops.
 */
export async function resolveInfrastructure(
  choice: InfrastructureChoice,
  log: (message: string) => void,
): Promise<Infrastructure> {
  const postgres = await resolvePostgres(choice.postgres, log);
  let redis: ResolvedRedis;
  try {
    redis = await resolveRedis(choice.redis);
  } catch (error) {
    await postgres.stop().catch(() => {});
    throw error;
  }
  return {
    postgres,
    redis,
    stop: () =>
      closeInOrder([
        { name: "redis", close: () => redis.stop() },
        { name: "postgres", close: () => postgres.stop() },
      ]),
  };
}
