import { apiEnvSchema, loadEnv } from "@cckm/config";
import { type RedisCluster, startRedisCluster } from "@cckm/testkit";
import { Cluster, Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProducerConnection, createRedisConnection, readyServersOf, redisTargetOf } from "./connections.ts";
import { deleteKeys, scanKeys } from "./keys.ts";
import { createQueue, DEFAULT_QUEUE_SETTINGS } from "./queues.ts";

describe("redisTargetOf", () => {
  it("is REDIS_URL's server unless REDIS_CLUSTER_NODES lists a cluster's nodes", () => {
    expect(redisTargetOf(loadEnv({ REDIS_URL: "redis://r:6380" }, apiEnvSchema))).toEqual({
      mode: "standalone",
      url: "redis://r:6380",
    });
    const env = loadEnv({ REDIS_CLUSTER_NODES: "rediss://u:p%40ss@a:7000, rediss://b:7001" }, apiEnvSchema);
    expect(redisTargetOf(env)).toEqual({
      mode: "cluster",
      nodes: [
        { host: "a", port: 7000 },
        { host: "b", port: 7001 },
      ],
      username: "u",
      password: "p@ss",
      tls: true,
    });
  });

  it("refuses a node list with anything but redis URLs", () => {
    expect(() => loadEnv({ REDIS_CLUSTER_NODES: "a:7000" }, apiEnvSchema)).toThrow(/REDIS_CLUSTER_NODES/);
  });
});

describe("connections to a real three-master cluster", () => {
  let cluster: RedisCluster;
  const target = () =>
    redisTargetOf({ REDIS_URL: "redis://unused:1", REDIS_CLUSTER_NODES: cluster.nodesEnv.split(",") });
  beforeAll(async () => {
    cluster = await startRedisCluster({ masters: 3 });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it("makes ioredis Cluster clients, and a standalone Redis for a URL", () => {
    const producer = createProducerConnection(target(), "t");
    const server = createProducerConnection(cluster.masters[0]?.url as string, "t");
    try {
      expect(producer).toBeInstanceOf(Cluster);
      expect(server).toBeInstanceOf(Redis);
    } finally {
      producer.disconnect();
      server.disconnect();
    }
  });

  it("a queue on a producer made a moment earlier works (BullMQ does not wait for a Cluster's slots)", async () => {
    const producer = createProducerConnection(target(), "t");
    producer.on("error", () => {});
    // Made once the client is connecting: BullMQ then takes it for connected and sends at once.
    await new Promise<void>((resolve) => producer.once("connect", () => resolve()));
    const queue = createQueue("q", producer, { prefix: "{conn-test}", ...DEFAULT_QUEUE_SETTINGS }, () => {});
    try {
      expect((await queue.add("x", {}, { jobId: "one" })).id).toBe("one");
      expect(await queue.getJobState("one")).toBe("waiting");
    } finally {
      await queue.close();
      producer.disconnect();
    }
  });

  it("fails fast while the master of a slot is away, and works again once it is back", async () => {
    const producer = createProducerConnection(target(), "t");
    producer.on("error", () => {});
    const owner = await cluster.masterOf("{conn-test}");
    try {
      await producer.set("{conn-test}:k", "1");
      await owner.kill();
      await expect(producer.set("{conn-test}:k", "2")).rejects.toThrow();
      await owner.restart();
      await cluster.waitUntilOk();
      await expect(producer.set("{conn-test}:k", "3")).resolves.toBe("OK");
    } finally {
      producer.disconnect();
    }
  });

  it("scans and deletes keys on every master, whichever slots they hash to", async () => {
    const tool = createRedisConnection(target(), "tool", "t");
    try {
      for (let i = 0; i < 30; i++) await tool.set(`{scan-${i}}:k`, "v");
      expect(new Set((await readyServersOf(tool)).map((s) => s.options.port)).size).toBe(3);
      const seen: string[] = [];
      for await (const keys of scanKeys(tool, "{scan-*")) seen.push(...keys);
      expect(seen).toHaveLength(30);
      expect(await deleteKeys(tool, "{scan-*")).toBe(30);
      expect(await deleteKeys(tool, "{scan-*")).toBe(0);
    } finally {
      tool.disconnect();
    }
  });
});
