import { createWorkerConnection, KEY_JOBS_QUEUE } from "@cckm/queue";
import { Queue } from "bullmq";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAndSync, finished, JOBS, sapKey, submit } from "./support/jobs-fixture.ts";
import { startStack, type TestStack, waitFor } from "./support/stack-processes.ts";

// Locks far longer than the test waits: a job left locked by a worker that exited is only handed on
// after the lock expires and a stalled check runs, so only a hand-back lets the test pass.
const LOCKED = { WORKER_LOCK_DURATION_MS: "120000", WORKER_STALLED_INTERVAL_MS: "120000" };

describe("a worker whose shutdown outlasts SHUTDOWN_TIMEOUT_MS", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ workerEnv: LOCKED });
    await connectAndSync(stack);
  });
  afterAll(async () => {
    await stack.stop();
  });

  async function doneEvents(jobId: string): Promise<Array<{ actor: string }>> {
    const client = new pg.Client({ connectionString: stack.db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ actor: string }>(
        "SELECT actor FROM sap_key_job_events WHERE job_id = $1 AND to_state = 'DONE'",
        [jobId],
      );
      return rows;
    } finally {
      await client.end();
    }
  }

  it("hands its job back: another worker takes it at once, no attempt counted, and it ends DONE once", async () => {
    const { sap, id } = await sapKey(stack, { name: "handed-back", type: "AES" });
    await stack.workers[0]?.stop(); // synchronized the key; the job must go to the worker below
    // The first SAP delete answers only after 60 s: far past the first worker's shutdown bound.
    await stack.sap.admin.addFault({ route: "keys.delete", keyId: sap.id, latencyMs: 60_000, times: 1 });
    const first = await stack.startWorker({ SHUTDOWN_TIMEOUT_MS: "2000", SAP_KMS_TIMEOUT_MS: "90000" });
    const job = (await submit(stack, { id, operation: "delete" })).body.id as string;
    await waitFor(
      () => stack.sap.admin.count("keys.delete", sap.id),
      (n) => n >= 1,
    );
    const second = await stack.startWorker();

    const exit = await first.stop("SIGTERM");
    expect(exit.code).toBe(1);

    // Well within the 120 s lock: only a job handed back can be DONE by now.
    const done = await finished(stack, job, 30_000);
    expect(done).toMatchObject({ state: "DONE", backup_status: "done" });
    expect(first.output()).toMatch(/handed the job back to the queue/);
    const events = await doneEvents(job);
    expect(events).toHaveLength(1);
    expect(events[0]?.actor).toMatch(new RegExp(`:${second.child.pid}$`));
    expect((await stack.call("GET", `/cckm/sap/keys/${id}`)).body).toMatchObject({ gone: true, backup: true });
    // The job came back without spending an attempt.
    const redis = createWorkerConnection(stack.env.REDIS_URL as string, "cckm-test");
    const queue = new Queue(KEY_JOBS_QUEUE, { connection: redis, prefix: stack.redisPrefix });
    const queued = await queue.getJob(done.job_id);
    await queue.close();
    redis.disconnect();
    // Counted once (the run that ended DONE). Started twice, or three times when the second worker met the
    // first one's attempt lock before that process exited, and waited (attempt_running, not counted).
    expect(queued?.attemptsMade).toBe(1);
    expect([2, 3]).toContain(queued?.attemptsStarted);
    await stack.sap.admin.clearFaults();
    expect((await stack.call("GET", `${JOBS}/${job}`)).body.state).toBe("DONE");
  });
});
