import { createPool, createPrismaClient, type Db, type Pool } from "@cckm/db";
import { createLogger } from "@cckm/log";
import {
  createProducerConnection,
  createQueue,
  createWorkerConnection,
  DEFAULT_QUEUE_SETTINGS,
  KEY_JOBS_QUEUE,
  type RedisClient,
  SYNC_JOBS_QUEUE,
} from "@cckm/queue";
import {
  createTestDatabase,
  deleteRedisPrefix,
  insertInventoryStub,
  type TestDatabase,
  testRedisPrefix,
  testRedisUrl,
} from "@cckm/testkit";
import { type Queue, UnrecoverableError, Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sapKeyJobKind, sapSyncKind } from "../kinds/index.ts";
import { submitJob } from "../sql/index.ts";
import { type ReconcileCursor, type ReconcilerOptions, reconcileKind, reconcileOnce } from "./reconciler.ts";

describe("reconciler (real Postgres and Redis)", () => {
  let database: TestDatabase;
  let pool: Pool;
  let db: Db;
  let redis: RedisClient;
  let prefix: string;
  let queues: { keyJobs: Queue; sync: Queue };
  let options: ReconcilerOptions;
  let inventory: Awaited<ReturnType<typeof insertInventoryStub>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, { max: 4 });
    db = createPrismaClient(pool);
    redis = createProducerConnection(testRedisUrl(), "reconciler-test");
    prefix = testRedisPrefix();
    queues = {
      keyJobs: createQueue(KEY_JOBS_QUEUE, redis, { prefix, ...DEFAULT_QUEUE_SETTINGS }, () => {}),
      sync: createQueue(SYNC_JOBS_QUEUE, redis, { prefix, ...DEFAULT_QUEUE_SETTINGS }, () => {}),
    };
    inventory = await insertInventoryStub(db);
    options = {
      pool,
      databaseUrl: database.url,
      kinds: [sapKeyJobKind, sapSyncKind],
      queues: { [KEY_JOBS_QUEUE]: queues.keyJobs, [SYNC_JOBS_QUEUE]: queues.sync },
      intervalMs: 1000,
      graceMs: 0,
      actor: "reconciler-test",
      logger: createLogger("reconciler-test", "silent"),
    };
  });
  afterAll(async () => {
    await Promise.all([queues.keyJobs.close(), queues.sync.close()]);
    redis.disconnect();
    await deleteRedisPrefix(prefix);
    await db.$disconnect();
    await pool.end();
    await database.drop();
  });

  async function pendingJobs(n: number) {
    const jobs = [];
    for (let i = 0; i < n; i++) {
      const key = await inventory.key(`k${i}`);
      jobs.push(
        await submitJob(pool, {
          keyId: key.id,
          operation: "delete",
          deleteIfBackupFails: false,
          creatorId: "u",
          creatorName: "alice",
        }),
      );
    }
    return jobs;
  }

  it("walks a backlog larger than one pass, batch by batch, and enqueues every job the queue lacks", async () => {
    const jobs = await pendingJobs(5);
    const reports = [];
    let cursor: ReconcileCursor | null = null;
    do {
      const report = await reconcileKind({ ...options, batchSize: 2 }, sapKeyJobKind, cursor);
      reports.push(report.enqueued);
      cursor = report.cursor;
    } while (cursor);
    expect(reports).toEqual([2, 2, 1]);
    const states = await Promise.all(jobs.map((j) => queues.keyJobs.getJobState(j.queueJobId)));
    expect(states).toEqual(Array(5).fill("waiting"));
    // A second walk finds every job live and changes nothing.
    expect((await reconcileOnce({ ...options, batchSize: 10 })).enqueued).toBe(0);
    await queues.keyJobs.obliterate({ force: true });
    await db.sapKeyJob.updateMany({ data: { state: "FAILED" } });
  });

  it("fails in Postgres a job the queue gave up on, with the queue's reason", async () => {
    const [job] = await pendingJobs(1);
    if (!job) throw new Error("no job");
    await queues.keyJobs.add("delete", { jobId: job.id }, { jobId: job.queueJobId });
    const connection = createWorkerConnection(testRedisUrl(), "reconciler-test-worker");
    const worker = new Worker(
      KEY_JOBS_QUEUE,
      async () => {
        throw new UnrecoverableError("the test gives up");
      },
      { connection, prefix },
    );
    await new Promise<void>((resolve) => worker.once("failed", () => resolve()));
    await worker.close();
    connection.disconnect();
    const report = await reconcileOnce(options);
    expect(report).toMatchObject({ enqueued: 0, failed: 1 });
    expect(await db.sapKeyJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      state: "FAILED",
      errorCode: "QUEUE_FAILED",
      error: "the test gives up",
    });
  });
});
