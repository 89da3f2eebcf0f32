import { createRedisConnection, type RedisClient, standaloneTarget } from "@cckm/queue";
import { startRedisServer } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRedisPolicy } from "./redis-policy.ts";

describe("checkRedisPolicy", () => {
  let server: Awaited<ReturnType<typeof startRedisServer>>;
  let redis: RedisClient;
  beforeAll(async () => {
    server = await startRedisServer(); // in memory, no persistence, default eviction policy
    redis = createRedisConnection(standaloneTarget(server.url), "tool", "policy-test");
  });
  afterAll(async () => {
    redis.disconnect();
    await server.stop();
  });

  it("names a Redis that may evict or forget jobs, and accepts one that will not", async () => {
    await redis.config("SET", "maxmemory-policy", "allkeys-lru");
    const bad = await checkRedisPolicy(redis);
    expect(bad.problems).toEqual([
      expect.stringMatching(/allkeys-lru, not noeviction/),
      expect.stringMatching(/no persistence/),
    ]);
    await redis.config("SET", "maxmemory-policy", "noeviction");
    await redis.config("SET", "appendonly", "yes");
    expect((await checkRedisPolicy(redis)).problems).toEqual([]);
  });
});
