import { createWorkerConnection, KEY_JOBS_QUEUE, type RedisClient } from "@cckm/queue";
import { startTcpProxy, type TcpProxy, type TestProcess } from "@cckm/testkit";
import { Queue } from "bullmq";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAndSync, finished, JOBS, sapKey, submit, syncAll } from "./support/jobs-fixture.ts";
import { startStack, type TestStack, waitFor } from "./support/stack-processes.ts";

// Three quick attempts: their backoff (100 ms, then 200 ms) is spent long before an outage of a few
// seconds ends. Without waits, every outage below fails the job.
const env = { JOB_ATTEMPTS: "3", JOB_BACKOFF_MS: "100" };

/** The `waiting ... without spending an attempt` lines a worker logged for one job, by reason. */
function waitsLogged(worker: TestProcess, jobId: string, reason: string, idField = "jobId"): number {
  return worker
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((l) => l[idField] === jobId && l.reason === reason && String(l.msg).startsWith("waiting ")).length;
}

function metric(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split("\n").find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

describe("waits on infrastructure instead of spending attempts", () => {
  let stack: TestStack;
  let proxy: TcpProxy;
  let worker: TestProcess;
  let queue: Queue;
  let redis: RedisClient;

  beforeAll(async () => {
    stack = await startStack({ env });
    await connectAndSync(stack);
    // The one worker reaches Postgres through a proxy the tests cut; the API keeps its own way in.
    await stack.workers[0]?.stop();
    const dbUrl = new URL(stack.db.url);
    proxy = await startTcpProxy(Number(dbUrl.port || 5432));
    dbUrl.port = String(proxy.port);
    worker = await stack.startWorker({ DATABASE_URL: dbUrl.toString() });
    redis = createWorkerConnection(stack.env.REDIS_URL as string, "cckm-test");
    queue = new Queue(KEY_JOBS_QUEUE, { connection: redis, prefix: stack.redisPrefix });
  });
  afterAll(async () => {
    await queue.close();
    redis.disconnect();
    await stack.stop();
    await proxy.close();
  });

  async function queueJob(jobId: string) {
    const row = (await stack.call("GET", `${JOBS}/${jobId}`)).body as { job_id: string };
    const job = await queue.getJob(row.job_id);
    return { attemptsMade: job?.attemptsMade, state: await queue.getJobState(row.job_id) };
  }

  async function attemptsInPostgres(jobId: string): Promise<number> {
    const client = new pg.Client({ connectionString: stack.db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ attempts: number }>("SELECT attempts FROM sap_key_jobs WHERE id = $1", [
        jobId,
      ]);
      return rows[0]?.attempts ?? -1;
    } finally {
      await client.end();
    }
  }

  /** Keeps Postgres away until the job waited `waits` times (or its queue job failed: the defect). */
  async function outageFor(jobId: string, waits: number): Promise<void> {
    await proxy.down();
    try {
      const seen = await waitFor(
        async () => ({ waits: waitsLogged(worker, jobId, "database_unavailable"), ...(await queueJob(jobId)) }),
        (s) => s.waits >= waits || s.state === "failed",
        60_000,
      );
      expect(seen).toMatchObject({ state: expect.not.stringMatching(/^failed$/), attemptsMade: 0 });
    } finally {
      await proxy.up();
    }
  }

  const workerMetrics = async () => {
    const port = /worker health on http:\/\/127\.0\.0\.1:(\d+)/.exec(worker.output())?.[1];
    return (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  };

  it("a delete whose Postgres is cut in the middle, then in every claim, still ends DONE with no attempt spent", async () => {
    const { sap, id } = await sapKey(stack, { name: "pg-cut-delete", type: "AES", versions: 2 });
    // A slow first export keeps the attempt between its claim and its backup commit while Postgres goes.
    await stack.sap.admin.addFault({ route: "versions.export", keyId: sap.id, latencyMs: 1500, times: 1 });
    const job = (await submit(stack, { id, operation: "delete" })).body.id as string;
    await waitFor(
      () => stack.call("GET", `${JOBS}/${job}`),
      (r) => r.body.state === "IN_PROGRESS",
    );
    await outageFor(job, 5);

    expect(await finished(stack, job)).toMatchObject({ state: "DONE", backup_status: "done" });
    expect((await queueJob(job)).attemptsMade).toBe(1); // the one that succeeded
    expect((await stack.call("GET", `/cckm/sap/keys/${id}`)).body).toMatchObject({ gone: true, backup: true });
    expect(
      metric(await workerMetrics(), "cckm_job_waits_total", { reason: "database_unavailable" }),
    ).toBeGreaterThanOrEqual(5);
    await stack.sap.admin.clearFaults();
  });

  it("a restore submitted while the worker's Postgres is away waits in its claim, then ends DONE, claimed once", async () => {
    const { id } = await sapKey(stack, { name: "pg-cut-restore", type: "EC", versions: 2 });
    expect((await finished(stack, (await submit(stack, { id, operation: "delete" })).body.id)).state).toBe("DONE");

    await proxy.down();
    const job = (await submit(stack, { id, operation: "restore" })).body.id as string;
    await outageFor(job, 4);

    expect(await finished(stack, job)).toMatchObject({ state: "DONE" });
    expect((await queueJob(job)).attemptsMade).toBe(1); // the one that succeeded
    expect(await attemptsInPostgres(job)).toBe(1);
    expect((await stack.call("GET", `/cckm/sap/keys/${id}`)).body).toMatchObject({ gone: false });
  });

  it("a delete whose exports and a restore whose listings meet 429s for a while end DONE with no attempt spent", async () => {
    const before = metric(await workerMetrics(), "cckm_job_waits_total", { reason: "rate_limited" });
    const { sap, id } = await sapKey(stack, { name: "rate-limited-export", type: "RSA" });
    // More 429s than the job has attempts, each with Retry-After: 1.
    await stack.sap.admin.addFault({ route: "versions.export", keyId: sap.id, rateLimit: 0, times: 4 });
    const del = (await submit(stack, { id, operation: "delete" })).body.id as string;
    expect(await finished(stack, del)).toMatchObject({ state: "DONE", backup_status: "done" });
    expect((await queueJob(del)).attemptsMade).toBe(1); // the one that succeeded
    expect(waitsLogged(worker, del, "rate_limited")).toBe(4);

    await stack.sap.admin.addFault({ route: "keys.list", rateLimit: 0, times: 4 });
    const restore = (await submit(stack, { id, operation: "restore" })).body.id as string;
    expect(await finished(stack, restore)).toMatchObject({ state: "DONE" });
    expect((await queueJob(restore)).attemptsMade).toBe(1); // the one that succeeded
    expect(waitsLogged(worker, restore, "rate_limited")).toBe(4);

    const after = metric(await workerMetrics(), "cckm_job_waits_total", { reason: "rate_limited" });
    expect(after - before).toBe(8);
    await stack.sap.admin.clearFaults();
  });

  it("a synchronization whose group listings meet 429s for a while completes, waiting on the sync queue", async () => {
    const before = metric(await workerMetrics(), "cckm_job_waits_total", {
      queue: "sap-sync-jobs",
      reason: "rate_limited",
    });
    // More 429s than a sync has attempts (3).
    await stack.sap.admin.addFault({ route: "groups.list", rateLimit: 0, times: 4 });
    await syncAll(stack);
    const [sync] = (await stack.call("GET", "/cckm/sap/synchronization-jobs?limit=1&sort=-createdAt")).body.resources;
    expect(sync).toMatchObject({ overall_status: "completed" });
    expect(waitsLogged(worker, sync.id, "rate_limited", "syncJobId")).toBe(4);
    const after = metric(await workerMetrics(), "cckm_job_waits_total", {
      queue: "sap-sync-jobs",
      reason: "rate_limited",
    });
    expect(after - before).toBe(4);
    await stack.sap.admin.clearFaults();
  });
});
