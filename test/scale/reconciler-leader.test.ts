import { randomUUID } from "node:crypto";
import { createPool, createPrismaClient, type Db, type Pool } from "@cckm/db";
import { findJob, submitJob } from "@cckm/jobs";
import {
  createTestDatabase,
  insertInventoryStub,
  type RedisCluster,
  startRedisCluster,
  type TestDatabase,
} from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../support/wait-for.ts";
import { isLeader } from "./support/probes.ts";
import { startWorkers, type WorkerFleet, type WorkerProcess } from "./support/workers.ts";

const WORKERS = 3;

/**
 * Worker processes only (no API): each runs a reconciler loop, and exactly one of them reconciles,
 * the one holding the reconciler's Postgres advisory lock (on a session of its own).
 */
describe.each([
  { redis: "a standalone Redis (REDIS_URL)", cluster: false },
  { redis: "a Redis Cluster (REDIS_CLUSTER_NODES)", cluster: true },
])("three worker processes on $redis: one reconciler at a time", ({ cluster: onCluster }) => {
  let database: TestDatabase;
  let pool: Pool;
  let db: Db;
  let cluster: RedisCluster | undefined;
  let fleet: WorkerFleet;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, { max: 2 });
    db = createPrismaClient(pool);
    if (onCluster) cluster = await startRedisCluster({ masters: 3 });
    fleet = await startWorkers({ database, count: WORKERS, ...(cluster ? { cluster } : {}) });
  });
  afterAll(async () => {
    await fleet?.stop();
    await db?.$disconnect();
    await pool?.end();
    await cluster?.stop();
    await database?.drop();
  });

  const flags = () => Promise.all(fleet.running().map((w) => isLeader(w.url)));
  const exactlyOne = (f: Array<boolean | undefined>) =>
    f.every((x) => x !== undefined) && f.filter((x) => x === true).length === 1;

  it("has exactly one leader; killed, another takes over and does the reconciler's work", async () => {
    const before = await waitFor(flags, exactlyOne);
    const leader = fleet.running()[before.indexOf(true)] as WorkerProcess;
    expect(leader.process.output()).toMatch(/reconciler: this worker reconciles/);
    await leader.process.stop("SIGKILL");

    // Its session ended with it, and with the session the lock: a standby takes it at its next try.
    const after = await waitFor(flags, exactlyOne, 20_000);
    const next = fleet.running()[after.indexOf(true)] as WorkerProcess;
    expect(next).not.toBe(leader);
    expect(fleet.running()).toHaveLength(WORKERS - 1);

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
