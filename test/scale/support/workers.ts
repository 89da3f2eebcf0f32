import { randomUUID } from "node:crypto";
import { createPool, createPrismaClient, type Db, type Pool } from "@cckm/db";
import { type Job, submitJob } from "@cckm/jobs";
import { redisTargetOf } from "@cckm/queue";
import {
  createTestDatabase,
  deleteRedisPrefix,
  freePort,
  insertInventoryStub,
  type RedisCluster,
  spawnApp,
  startRedisCluster,
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

/** Worker processes (no API) over a database of their own, on the test Redis or on a three-master Redis Cluster. */
export interface FleetOnDatabase {
  database: TestDatabase;
  pool: Pool;
  db: Db;
  cluster: RedisCluster | undefined;
  fleet: WorkerFleet;
  /** Stops the workers, then closes the pool, the cluster and the database. */
  stop(): Promise<void>;
}

export async function startFleetOnDatabase(options: { count: number; cluster: boolean }): Promise<FleetOnDatabase> {
  const database = await createTestDatabase();
  const pool = createPool(database.url, { max: 2 });
  const db = createPrismaClient(pool);
  let cluster: RedisCluster | undefined;
  let fleet: WorkerFleet | undefined;
  const stop = async () => {
    await fleet?.stop();
    await db.$disconnect();
    await pool.end();
    await cluster?.stop();
    await database.drop();
  };
  try {
    if (options.cluster) cluster = await startRedisCluster({ masters: 3 });
    fleet = await startWorkers({ database, count: options.count, ...(cluster ? { cluster } : {}) });
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
  return { database, pool, db, cluster, fleet, stop };
}

/**
 * A delete job committed and never enqueued (what an API that died between the two leaves), for a
 * key of an inventory stub named `label-…`: only the reconciler puts it on the queue.
 */
export async function commitUnqueuedJob(on: { pool: Pool; db: Db }, label: string): Promise<Job> {
  const stub = await insertInventoryStub(on.db);
  const key = await stub.key(`${label}-${randomUUID().slice(0, 6)}`);
  return submitJob(on.pool, {
    keyId: key.id,
    operation: "delete",
    deleteIfBackupFails: false,
    creatorId: randomUUID(),
    creatorName: "scale-test",
  });
}
