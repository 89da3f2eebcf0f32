import { randomUUID } from "node:crypto";
import { createPool, createPrismaClient, type Db, type Pool } from "@cckm/db";
import { findJob, submitJob } from "@cckm/jobs";
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
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../support/wait-for.ts";
import { isLeader, untilReady } from "./support/probes.ts";

const WORKER_ENTRY = "apps/worker/src/main.ts";
const WORKERS = 3;

interface Worker {
  process: TestProcess;
  url: string;
}

/**
 * Worker processes only (no API): each runs a reconciler loop, and exactly one of them reconciles,
 * the one holding the reconciler's Postgres advisory lock (on a session of its own).
 */
describe.each([
  { redis: "a standalone Redis (REDIS_URL)" as const },
  { redis: "a Redis Cluster (REDIS_CLUSTER_NODES)" as const },
])("three worker processes on $redis: one reconciler at a time", ({ redis }) => {
  let database: TestDatabase;
  let pool: Pool;
  let db: Db;
  let cluster: RedisCluster | undefined;
  const prefix = testRedisPrefix();
  const workers: Worker[] = [];

  const env = async (): Promise<Record<string, string>> => ({
    NODE_ENV: "test",
    LOG_LEVEL: "info",
    HOST: "127.0.0.1",
    DATABASE_URL: database.url,
    REDIS_URL: cluster ? (cluster.masters[0]?.url as string) : testRedisUrl(),
    ...(cluster ? { REDIS_CLUSTER_NODES: cluster.nodesEnv } : {}),
    REDIS_PREFIX: prefix,
    RECONCILE_INTERVAL_MS: "300",
    RECONCILE_GRACE_MS: "300",
    JOB_BACKOFF_MS: "100",
    SAP_KMS_TIMEOUT_MS: "1000",
    SAP_KMS_ALLOW_PRIVATE_ENDPOINTS: "true",
    WORKER_HEALTH_PORT: String(await freePort()),
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, { max: 2 });
    db = createPrismaClient(pool);
    if (redis.startsWith("a Redis Cluster")) cluster = await startRedisCluster({ masters: 3 });
    for (let i = 0; i < WORKERS; i++) {
      const vars = await env();
      const process = spawnApp("worker", WORKER_ENTRY, vars, []);
      const url = `http://127.0.0.1:${vars.WORKER_HEALTH_PORT}`;
      workers.push({ process, url });
      await untilReady(url, process);
    }
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.process.stop()));
    await db?.$disconnect();
    await pool?.end();
    const target = redisTargetOf({ REDIS_URL: testRedisUrl(), REDIS_CLUSTER_NODES: cluster?.nodesEnv.split(",") });
    await deleteRedisPrefix(prefix, target).catch(() => 0);
    await cluster?.stop();
    await database?.drop();
  });

  const running = () => workers.filter((w) => w.process.child.exitCode === null && w.process.child.signalCode === null);
  const flags = () => Promise.all(running().map((w) => isLeader(w.url)));
  const exactlyOne = (f: Array<boolean | undefined>) =>
    f.every((x) => x !== undefined) && f.filter((x) => x === true).length === 1;

  it("has exactly one leader; killed, another takes over and does the reconciler's work", async () => {
    const before = await waitFor(flags, exactlyOne);
    const leader = running()[before.indexOf(true)] as Worker;
    expect(leader.process.output()).toMatch(/reconciler: this worker reconciles/);
    await leader.process.stop("SIGKILL");

    // Its session ended with it, and with the session the lock: a standby takes it at its next try.
    const after = await waitFor(flags, exactlyOne, 20_000);
    const next = running()[after.indexOf(true)] as Worker;
    expect(next).not.toBe(leader);
    expect(running()).toHaveLength(WORKERS - 1);

    // A job committed and never enqueued (what an API that died between the two leaves): the new
    // leader puts it on the queue after the grace period, and a worker claims it.
    const stub = await insertInventoryStub(db);
    const key = await stub.key(`orphan-${randomUUID().slice(0, 6)}`);
    const job = await submitJob(pool, {
      keyId: key.id,
      operation: "delete",
      deleteIfBackupFails: false,
      creatorId: randomUUID(),
      creatorName: "scale-test",
    });
    const claimed = await waitFor(
      () => findJob(pool, job.id),
      (j) => j !== null && j.state !== "PENDING",
      20_000,
    );
    expect(claimed?.state).not.toBe("PENDING");
  });
});
