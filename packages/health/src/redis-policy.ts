import { type RedisClient, readyServersOf } from "@cckm/queue";
import type { Redis } from "ioredis";

export interface RedisPolicyReport {
  problems: string[];
}

/**
 * BullMQ needs Redis never to evict keys (`maxmemory-policy noeviction`), and a Redis that keeps
 * nothing on disk loses every queued job at a restart (the reconciler brings them back from Postgres,
 * but only after its grace period). Reports what is off; managed Redis services that refuse CONFIG
 * are reported as unknown, not as wrong.
 */
export async function checkRedisPolicy(client: RedisClient): Promise<RedisPolicyReport> {
  // A cluster: each master keeps its own slots, so each must be set so.
  const servers = await readyServersOf(client);
  const problems = new Set<string>();
  for (const server of servers) for (const problem of await policyProblems(server)) problems.add(problem);
  return { problems: [...problems] };
}

async function policyProblems(redis: Redis): Promise<string[]> {
  const problems: string[] = [];
  try {
    const [, policy] = (await redis.config("GET", "maxmemory-policy")) as [string, string];
    if (policy !== "noeviction")
      problems.push(`maxmemory-policy is ${policy}, not noeviction: Redis may evict queue keys`);
    const [, aof] = (await redis.config("GET", "appendonly")) as [string, string];
    const [, save] = (await redis.config("GET", "save")) as [string, string];
    if (aof !== "yes" && !save)
      problems.push("no persistence (appendonly no, no save points): a restart loses the queues");
  } catch {
    problems.push(
      "could not read Redis's configuration (CONFIG GET refused); check noeviction and persistence by hand",
    );
  }
  return problems;
}
