import { redisTargetOf } from "@cckm/queue";
import {
  deleteRedisPrefix,
  freePort,
  type RedisCluster,
  spawnApp,
  type TestDatabase,
  type TestProcess,
  testRedisPrefix,
  testRedisUrl,
} from "@cckm/testkit";
import { untilReady } from "./probes.ts";

export const WORKER_ENTRY = "apps/worker/src/main.ts";

export interface WorkerProcess {
  process: TestProcess;
  /** Its health server: /readyz, /metrics. */
  url: string;
}

export interface WorkerFleet {
  workers: WorkerProcess[];
  prefix: string;
  /** The ones still running. */
  running(): WorkerProcess[];
  stop(): Promise<void>;
}

/**
 * `count` worker processes (no API) over `database` and the test Redis, or `cluster`, under a prefix
 * of their own; each ready before the next starts. stop() stops them and deletes the prefix's keys.
 */
export async function startWorkers(options: {
  database: TestDatabase;
  count: number;
  cluster?: RedisCluster;
  env?: Record<string, string>;
}): Promise<WorkerFleet> {
  const { cluster } = options;
  const prefix = testRedisPrefix();
  const workers: WorkerProcess[] = [];
  const env: Record<string, string> = {
    NODE_ENV: "test",
    LOG_LEVEL: "info",
    HOST: "127.0.0.1",
    DATABASE_URL: options.database.url,
    REDIS_URL: cluster ? (cluster.masters[0]?.url as string) : testRedisUrl(),
    ...(cluster ? { REDIS_CLUSTER_NODES: cluster.nodesEnv } : {}),
    REDIS_PREFIX: prefix,
    RECONCILE_INTERVAL_MS: "300",
    RECONCILE_GRACE_MS: "300",
    JOB_BACKOFF_MS: "100",
    SAP_KMS_TIMEOUT_MS: "1000",
    SAP_KMS_ALLOW_PRIVATE_ENDPOINTS: "true",
    ...options.env,
  };
  const stop = async () => {
    await Promise.all(workers.map((w) => w.process.stop()));
    const nodes = cluster?.nodesEnv.split(",");
    const target = redisTargetOf({ REDIS_URL: env.REDIS_URL as string, REDIS_CLUSTER_NODES: nodes });
    await deleteRedisPrefix(prefix, target).catch(() => 0);
  };
  try {
    for (let i = 0; i < options.count; i++) {
      const port = await freePort();
      const process = spawnApp("worker", WORKER_ENTRY, { ...env, WORKER_HEALTH_PORT: String(port) }, []);
      const url = `http://127.0.0.1:${port}`;
      workers.push({ process, url });
      await untilReady(url, process);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    workers,
    prefix,
    running: () => workers.filter((w) => w.process.child.exitCode === null && w.process.child.signalCode === null),
    stop,
  };
}
