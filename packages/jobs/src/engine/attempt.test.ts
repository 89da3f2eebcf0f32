import { once } from "node:events";
import { createPool, createPrismaClient, type Db, type Pool } from "@cckm/db";
import { createLogger } from "@cckm/log";
import { createMetrics } from "@cckm/metrics";
import {
  backoffStrategy,
  createProducerConnection,
  createQueue,
  createWorkerConnection,
  KEY_JOBS_QUEUE,
  type RedisClient,
} from "@cckm/queue";
import {
  createTestDatabase,
  deleteRedisPrefix,
  insertInventoryStub,
  startTcpProxy,
  type TcpProxy,
  type TestDatabase,
  testRedisPrefix,
  testRedisUrl,
} from "@cckm/testkit";
import { type Job, type Queue, Worker } from "bullmq";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { JobError } from "../errors.ts";
import { sapKeyJobKind } from "../kinds/index.ts";
import { claimJob, failJob, submitJob } from "../sql/index.ts";
import { runAttempt } from "./attempt.ts";
import { HeldJobs } from "./held-jobs.ts";
import { reconcileOnce } from "./reconciler.ts";

// The final failure's own write meets an outage: real Postgres behind a proxy the test cuts, real Redis.
describe("runAttempt when the final failure cannot be written", () => {
  let database: TestDatabase;
  let direct: Pool;
  let db: Db;
  let proxy: TcpProxy;
  let proxied: Pool;
  let redis: RedisClient;
  let prefix: string;
  let queue: Queue;
  let worker: Worker | undefined;
  let inventory: Awaited<ReturnType<typeof insertInventoryStub>>;
  let cut = false;
  const down = async () => {
    await proxy.down();
    cut = true;
  };
  const up = async () => {
    await proxy.up();
    cut = false;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    direct = createPool(database.url, { max: 2 });
    db = createPrismaClient(direct);
    inventory = await insertInventoryStub(db);
    const url = new URL(database.url);
    proxy = await startTcpProxy(Number(url.port || 5432));
    url.port = String(proxy.port);
    proxied = createPool(url.toString(), { max: 2, onError: () => {} });
    redis = createProducerConnection(testRedisUrl(), "attempt-test");
    prefix = testRedisPrefix();
    queue = createQueue(KEY_JOBS_QUEUE, redis, { prefix, attempts: 3, backoffMs: 50 }, () => {});
  });
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
    if (cut) await proxy.up();
    cut = false;
  });
  afterAll(async () => {
    await queue.close();
    redis.disconnect();
    await deleteRedisPrefix(prefix);
    await proxied.end();
    await db.$disconnect();
    await direct.end();
    await proxy.close();
    await database.drop();
  });

  const workerOptions = () => ({
    connection: createWorkerConnection(testRedisUrl(), "attempt-test-worker"),
    prefix,
    settings: { backoffStrategy },
  });

  async function jobFor(name: string) {
    const key = await inventory.key(name);
    return submitJob(direct, {
      keyId: key.id,
      operation: "delete",
      deleteIfBackupFails: false,
      creatorId: "u",
      creatorName: "alice",
    });
  }

  /**
   * A worker whose attempt claims the job, then loses Postgres and fails for good (a permanent error):
   * its FAILED write meets the outage. `onRun(n)` runs before each claim.
   */
  function startWorker(maxWaits: number, onRun: (run: number) => Promise<void>) {
    const metrics = createMetrics("attempt-test");
    const deps = { logger: createLogger("attempt-test", "silent"), metrics, held: new HeldJobs(), maxWaits };
    let runs = 0;
    worker = new Worker(
      KEY_JOBS_QUEUE,
      async (job: Job, token?: string) => {
        const { jobId } = job.data as { jobId: string };
        await runAttempt(
          deps,
          job,
          token,
          { jobId },
          async () => {
            await onRun(++runs);
            await claimJob(proxied, jobId, "attempt-test");
            if (runs === 1) await down();
            throw new JobError("KEY_NOT_GONE", "the key exists in SAP again");
          },
          async (described) => {
            await failJob(proxied, jobId, "attempt-test", described);
          },
        );
      },
      workerOptions(),
    );
    return { metrics, runs: () => runs };
  }

  const row = async (id: string) =>
    (
      await direct.query<{ state: string; error_code: string | null; error: string | null }>(
        "SELECT state, error_code, error FROM sap_key_jobs WHERE id = $1",
        [id],
      )
    ).rows[0];

  it("waits, comes back once Postgres answers, and records the job's own failure", async () => {
    const job = await jobFor("final-write-waits");
    const { metrics, runs } = startWorker(5, async (run) => {
      if (run === 2) await up();
    });
    const failed = once(worker as Worker, "failed");
    await queue.add("delete", { jobId: job.id }, { jobId: job.queueJobId });
    const [queueJob] = (await failed) as [Job];

    expect(runs()).toBe(2);
    expect(await row(job.id)).toMatchObject({ state: "FAILED", error_code: "KEY_NOT_GONE" });
    expect(queueJob.attemptsMade).toBe(1);
    const waits = await metrics.jobWaits.get();
    expect(waits.values).toEqual([
      expect.objectContaining({ labels: { queue: KEY_JOBS_QUEUE, reason: "database_unavailable" }, value: 1 }),
    ]);
  });

  it("with no wait left, fails the queue job, and the reconciler records the failure once Postgres answers", async () => {
    const job = await jobFor("final-write-lost");
    startWorker(0, async () => {});
    const failed = once(worker as Worker, "failed");
    await queue.add("delete", { jobId: job.id }, { jobId: job.queueJobId });
    await failed;
    expect(await queue.getJobState(job.queueJobId)).toBe("failed");
    expect(await row(job.id)).toMatchObject({ state: "IN_PROGRESS" });

    await up();
    const report = await reconcileOnce({
      pool: direct,
      databaseUrl: database.url,
      kinds: [sapKeyJobKind],
      queues: { [KEY_JOBS_QUEUE]: queue },
      intervalMs: 1000,
      graceMs: 0,
      actor: "reconciler-test",
      logger: createLogger("attempt-test", "silent"),
    });
    expect(report.failed).toBe(1);
    const ended = await row(job.id);
    expect(ended).toMatchObject({ state: "FAILED", error_code: "QUEUE_FAILED" });
    expect(ended?.error).toMatch(/^KEY_NOT_GONE: /);
  });

  it("counts outages as attempts again once its waits are used up: nothing waits forever", async () => {
    const job = await jobFor("waits-used-up");
    const metrics = createMetrics("attempt-test");
    const deps = { logger: createLogger("attempt-test", "silent"), metrics, held: new HeldJobs(), maxWaits: 2 };
    let runs = 0;
    await down();
    worker = new Worker(
      KEY_JOBS_QUEUE,
      (queued: Job, token?: string) =>
        runAttempt(
          deps,
          queued,
          token,
          { jobId: job.id },
          async () => {
            runs++;
            await claimJob(proxied, job.id, "attempt-test");
          },
          async (described) => {
            await failJob(proxied, job.id, "attempt-test", described);
          },
        ),
      workerOptions(),
    );
    // `failed` is emitted for every counted attempt; the last one has spent them all.
    const finalFailure = (async () => {
      for (;;) {
        const [failed] = (await once(worker as Worker, "failed")) as [Job];
        if (failed.attemptsMade >= 3) return failed;
      }
    })();
    await queue.add("delete", { jobId: job.id }, { jobId: job.queueJobId });
    const queueJob = await finalFailure;

    // Two waits, then the job's three attempts, each spent on the outage.
    expect(runs).toBe(5);
    expect(queueJob).toMatchObject({ attemptsStarted: 5, attemptsMade: 3 });
    expect((await metrics.jobWaits.get()).values.map((v) => v.value)).toEqual([2]);
  });
});
