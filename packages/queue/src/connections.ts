import { Cluster, type ClusterOptions, Redis, type RedisOptions } from "ioredis";

/** A standalone Redis or a Redis Cluster: every command the project sends works on both. */
export type RedisClient = Redis | Cluster;

/** Where Redis is: one server (REDIS_URL) or a cluster's seed nodes (REDIS_CLUSTER_NODES). */
export type RedisTarget =
  | { mode: "standalone"; url: string }
  | {
      mode: "cluster";
      nodes: Array<{ host: string; port: number }>;
      username?: string;
      password?: string;
      tls: boolean;
    };

/** The Redis variables of every process's schema (packages/config redisPart). */
export interface RedisEnv {
  REDIS_URL: string;
  REDIS_CLUSTER_NODES?: string[] | undefined;
}

/** REDIS_CLUSTER_NODES when set (a cluster, credentials from its first URL), else REDIS_URL. */
export function redisTargetOf(env: RedisEnv): RedisTarget {
  const nodes = env.REDIS_CLUSTER_NODES ?? [];
  if (nodes.length === 0) return { mode: "standalone", url: env.REDIS_URL };
  const urls = nodes.map((n) => new URL(n));
  const first = urls[0] as URL;
  return {
    mode: "cluster",
    nodes: urls.map((u) => ({ host: u.hostname, port: Number(u.port || 6379) })),
    ...(first.username ? { username: decodeURIComponent(first.username) } : {}),
    ...(first.password ? { password: decodeURIComponent(first.password) } : {}),
    tls: first.protocol === "rediss:",
  };
}

/** A standalone URL, as a target (tests, the bench, tools that only take a URL). */
export const standaloneTarget = (url: string): RedisTarget => ({ mode: "standalone", url });

/**
 * What a connection is for:
 * - `producer` (request paths, the reconciler): fails fast instead of queueing commands while Redis is
 *   away, so a request gets an answer (or a clear error) instead of hanging;
 * - `blocking` (BullMQ workers, queue events): blocking commands wait for Redis to come back, never give up;
 * - `probe` (readiness): connects on first use, one try per check;
 * - `tool` (tests, the bench, chaos, scripts): queues commands until connected, then one retry each.
 */
export type ConnectionRole = "producer" | "blocking" | "probe" | "tool";

const ROLE_OPTIONS: Record<ConnectionRole, { node: RedisOptions; offlineQueue: boolean; maxDelayMs: number }> = {
  producer: { node: { maxRetriesPerRequest: 1, connectTimeout: 2000 }, offlineQueue: false, maxDelayMs: 2000 },
  blocking: { node: { maxRetriesPerRequest: null }, offlineQueue: true, maxDelayMs: 5000 },
  probe: {
    node: { maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: true },
    offlineQueue: false,
    maxDelayMs: 2000,
  },
  tool: { node: { maxRetriesPerRequest: 1, connectTimeout: 2000 }, offlineQueue: true, maxDelayMs: 2000 },
};

/**
 * The one place an ioredis connection is made (API, worker, reconciler, readiness, tests, bench): a
 * `Redis` for a standalone server, ioredis's `Cluster` for a cluster, with the role's options. BullMQ
 * takes either (its keys all carry the hash-tagged prefix, so each queue lives in one slot).
 */
export function createRedisConnection(target: RedisTarget, role: ConnectionRole, name: string): RedisClient {
  const { node, offlineQueue, maxDelayMs } = ROLE_OPTIONS[role];
  const retryStrategy = (times: number) => Math.min(times * 200, maxDelayMs);
  if (target.mode === "standalone") {
    return new Redis(target.url, { ...node, connectionName: name, enableOfflineQueue: offlineQueue, retryStrategy });
  }
  const { lazyConnect, ...perNode } = node;
  const options: ClusterOptions = {
    ...(lazyConnect ? { lazyConnect } : {}),
    enableOfflineQueue: offlineQueue,
    clusterRetryStrategy: retryStrategy,
    // While a master is away its slots answer nothing: a producer gives up after a few short waits
    // (the row is committed; the reconciler enqueues it later), a blocking connection keeps waiting.
    retryDelayOnClusterDown: 200,
    retryDelayOnFailover: 200,
    maxRedirections: role === "blocking" ? 16 : 4,
    slotsRefreshTimeout: 2000,
    redisOptions: {
      ...perNode,
      connectionName: name,
      ...(target.username ? { username: target.username } : {}),
      ...(target.password ? { password: target.password } : {}),
      ...(target.tls ? { tls: {} } : {}),
    },
  };
  if (offlineQueue || lazyConnect) return new Cluster(target.nodes, options);
  // BullMQ takes a Cluster that is still loading its slots (status `connect`) for a connected one and
  // sends its first command at once: refused, that leaves the Queue broken for good. So a producer
  // queues commands until the cluster is first ready (as BullMQ waits for a standalone Redis), and
  // fails fast from then on.
  const cluster = new Cluster(target.nodes, { ...options, enableOfflineQueue: true });
  cluster.once("ready", () => {
    cluster.options.enableOfflineQueue = false;
  });
  return cluster;
}

/** The masters of a cluster (each its own connection), or the one server. */
export function serversOf(client: RedisClient): Redis[] {
  return client instanceof Cluster ? client.nodes("master") : [client];
}

/** serversOf once a cluster client knows its slots (a standalone client queues its commands itself). */
export async function readyServersOf(client: RedisClient, timeoutMs = 10_000): Promise<Redis[]> {
  if (client instanceof Cluster && client.status !== "ready") {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Redis Cluster not ready within ${timeoutMs} ms`)), timeoutMs);
      client.once("ready", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  return serversOf(client);
}

const targetOf = (target: RedisTarget | string): RedisTarget =>
  typeof target === "string" ? standaloneTarget(target) : target;

/** For request paths (the API, the reconciler); a string is a standalone server's URL. */
export function createProducerConnection(target: RedisTarget | string, name = "cckm-producer"): RedisClient {
  return createRedisConnection(targetOf(target), "producer", name);
}

/** For BullMQ workers and queue events; a string is a standalone server's URL. */
export function createWorkerConnection(target: RedisTarget | string, name = "cckm-worker"): RedisClient {
  return createRedisConnection(targetOf(target), "blocking", name);
}
