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
import { startWorkers, type WorkerFleet } from "./support/workers.ts";

const readyz = async (url: string) => {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as { checks: { redis: { ok: boolean; error?: string } } } };
};

/**
 * The workers' side of a failover (no API: see failover.test.ts for the whole stack): the master of
 * the deployment's slot is SIGKILLed and started again, empty. Readiness goes red and green again,
 * and the BullMQ workers and the reconciler find the master again on their own.
 */
describe("workers on a Redis Cluster whose master of the prefix's slot dies and comes back", () => {
  let database: TestDatabase;
  let pool: Pool;
  let db: Db;
  let cluster: RedisCluster;
  let fleet: WorkerFleet;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, { max: 2 });
    db = createPrismaClient(pool);
    cluster = await startRedisCluster({ masters: 3 });
    fleet = await startWorkers({ database, count: 2, cluster });
  });
  afterAll(async () => {
    await fleet?.stop();
    await db?.$disconnect();
    await pool?.end();
    await cluster?.stop();
    await database?.drop();
  });

  const orphan = async () => {
    const stub = await insertInventoryStub(db);
    const key = await stub.key(`failover-${randomUUID().slice(0, 6)}`);
    return submitJob(pool, {
      keyId: key.id,
      operation: "delete",
      deleteIfBackupFails: false,
      creatorId: randomUUID(),
      creatorName: "scale-test",
    });
  };

  it("is not ready while the master is away, and picks up what was committed meanwhile once it is back", async () => {
    const owner = await cluster.masterOf(fleet.prefix);
    await owner.kill();
    for (const worker of fleet.workers) {
      const away = await waitFor(
        () => readyz(worker.url),
        (r) => r.status === 503,
      );
      expect(away.body.checks.redis.ok).toBe(false);
    }
    // Committed while the queue cannot take it (an API would have answered 201 and failed its enqueue).
    const job = await orphan();
    await owner.restart();
    await cluster.waitUntilOk();
    for (const worker of fleet.workers) {
      await waitFor(
        () => readyz(worker.url),
        (r) => r.status === 200,
      );
    }
    // The master came back empty: the reconciler enqueues the job from Postgres and a worker claims it.
    const claimed = await waitFor(
      () => findJob(pool, job.id),
      (j) => j !== null && j.state !== "PENDING",
      30_000,
    );
    expect(claimed?.state).not.toBe("PENDING");
    expect(fleet.running()).toHaveLength(2);
  });
});
