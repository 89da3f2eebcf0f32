import { KEY_JOBS_QUEUE } from "@cckm/queue";
import type { TestProcess } from "@cckm/testkit";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAndSync, finished, JOBS, submit } from "./support/jobs-fixture.ts";
import { startStack, type TestStack, waitFor } from "./support/stack-processes.ts";

// Two quick attempts: without the waits, a job that meets SAP's 429 twice would fail.
const env = { JOB_ATTEMPTS: "2", JOB_BACKOFF_MS: "100" };
const LIMIT = 20;
const workerEnv = { SAP_KMS_RATE_LIMIT_PER_SECOND: String(LIMIT), WORKER_CONCURRENCY: "8" };

/**
 * The most requests a fixed one-second window of `limit` lets through in `spanMs` (rate-limiter-flexible:
 * a window opens at its first request and lasts a second): one window per started second of the span,
 * plus the one already open when it began.
 */
const fixedWindowBound = (limit: number, spanMs: number) => limit * (Math.ceil(spanMs / 1000) + 1);

/** The worker's JSON log lines. */
const logLines = (worker: TestProcess) =>
  worker
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** The worker's `waiting ... without spending an attempt` lines for SAP's rate limit (of one job, if given). */
const rateLimitWaits = (worker: TestProcess, jobId?: string) =>
  logLines(worker).filter(
    (l) =>
      l.reason === "rate_limited" && String(l.msg).startsWith("waiting ") && (jobId === undefined || l.jobId === jobId),
  ).length;

const HOLD_BACK = "every worker holds back calls to the tenant";

describe("the SAP tenant rate limit, shared by three worker processes", () => {
  let stack: TestStack;
  let keys: string[] = [];

  beforeAll(async () => {
    stack = await startStack({ env, workerEnv });
    await stack.startWorker();
    await stack.startWorker();
    const group = await stack.sap.admin.createGroup("limited");
    await stack.sap.admin.bulkKeys(group.id, "limited", 46);
    await connectAndSync(stack);
    const listed = await stack.call("GET", "/cckm/sap/keys?sap_group_name=limited&limit=1000");
    keys = (listed.body.resources as Array<{ id: string }>).map((k) => k.id);
  });
  afterAll(async () => {
    await stack.stop();
  });

  async function deleteAll(ids: string[]) {
    const jobs = await Promise.all(ids.map((id) => submit(stack, { id, operation: "delete" })));
    for (const j of jobs) expect(j.status).toBe(201);
    return Promise.all(jobs.map((j) => finished(stack, j.body.id, 110_000)));
  }

  it("lets no more than the limit reach the tenant per window, and every job ends DONE", async () => {
    expect(keys).toHaveLength(46);
    const since = Date.now();
    const ended = await deleteAll(keys.slice(0, 30));
    expect(ended.map((j) => j.state)).toEqual(Array(30).fill("DONE"));
    const at = await stack.sap.admin.arrivalsSince(since);
    // Each delete is at least three calls (versions, export, delete): 90 requests take five windows.
    expect(at.length).toBeGreaterThanOrEqual(90);
    const span = (at.at(-1) as number) - (at[0] as number);
    expect(at.length).toBeLessThanOrEqual(fixedWindowBound(LIMIT, span));
    for (let i = 0, j = 0; i < at.length; i++) {
      while ((at[j] as number) <= (at[i] as number) - 1000) j++;
      expect(i - j + 1).toBeLessThanOrEqual(2 * LIMIT);
    }
  });

  it("holds every worker back on SAP's 429 with Retry-After: the jobs wait, none fails", async () => {
    await stack.sap.admin.resetRequests();
    await stack.sap.admin.setFaults([{ route: "*", rateLimit: 6, windowMs: 1000, retryAfterSeconds: 1 }]);
    try {
      const ended = await deleteAll(keys.slice(30, 40));
      expect(ended.map((j) => j.state)).toEqual(Array(10).fill("DONE"));
    } finally {
      await stack.sap.admin.clearFaults();
    }
    const refused = (await stack.sap.admin.requests()).reduce((sum, r) => sum + (r.byStatus["429"] ?? 0), 0);
    expect(refused).toBeGreaterThan(0);
    // The 429s were heard: jobs waited (no attempt spent) rather than failing after their two attempts.
    expect(stack.workers.reduce((sum, w) => sum + rateLimitWaits(w), 0)).toBeGreaterThan(0);
    const shared = stack.workers.some((w) => w.output().includes(HOLD_BACK));
    expect(shared).toBe(true);
    const failed = await stack.call("GET", `${JOBS}?state=FAILED`);
    expect(failed.body.total).toBe(0);
  }, 240_000);

  it("gives every worker's calls up while a Retry-After longer than the in-call wait runs: the jobs wait in the queue, no attempt spent", async () => {
    const holdBacks = () => stack.workers.reduce((n, w) => n + w.output().split(HOLD_BACK).length - 1, 0);
    const before = holdBacks();
    await stack.sap.admin.resetRequests();
    // One 429, asking for 10 s: far longer than a call waits inside the worker (MAX_INLINE_WAIT_MS, 2 s).
    await stack.sap.admin.setFaults([{ route: "*", rateLimit: 0, times: 1, retryAfterSeconds: 10 }]);
    const [first, ...rest] = keys.slice(40);
    try {
      const opener = await submit(stack, { id: first, operation: "delete" });
      expect(opener.status).toBe(201);
      // The worker that heard the 429 has blocked the tenant for everyone; the next jobs meet the block.
      await waitFor(
        async () => holdBacks(),
        (n) => n > before,
        30_000,
      );
      const jobs = await Promise.all(rest.map((id) => submit(stack, { id, operation: "delete" })));
      const ids = [opener.body.id as string, ...jobs.map((j) => j.body.id as string)];
      const ended = await Promise.all(ids.map((id) => finished(stack, id, 110_000)));
      expect(ended.map((j) => j.state)).toEqual(Array(6).fill("DONE"));
      // SAP answered one 429; every job still waited: the calls after it were given up before they left.
      const refused = (await stack.sap.admin.requests()).reduce((sum, r) => sum + (r.byStatus["429"] ?? 0), 0);
      expect(refused).toBe(1);
      for (const id of ids) expect(stack.workers.reduce((n, w) => n + rateLimitWaits(w, id), 0)).toBeGreaterThan(0);
      // Two attempts each, yet the waits spent none: BullMQ counts one, the run that succeeded.
      const redis = new Redis(stack.env.REDIS_URL as string, { maxRetriesPerRequest: null });
      const queue = new Queue(KEY_JOBS_QUEUE, { connection: redis, prefix: stack.redisPrefix });
      try {
        for (const j of ended) expect((await queue.getJob(j.job_id))?.attemptsMade).toBe(1);
      } finally {
        await queue.close();
        redis.disconnect();
      }
    } finally {
      await stack.sap.admin.clearFaults();
    }
  }, 240_000);
});
