import { createPool, type Pool } from "@cckm/db";
import { KEY_JOBS_QUEUE } from "@cckm/queue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAndSync, JOBS } from "../support/jobs-fixture.ts";
import { waitFor } from "../support/stack-processes.ts";
import { boardQueues } from "./support/board.ts";
import { type ApiProcess, type ScaleStack, sapKeys, startScaleStack } from "./support/scale-stack.ts";

const KEYS = 12;

// The reconciler's single leader among several workers: reconciler-leader.test.ts.
describe("two API processes and three worker processes over one Postgres and one Redis", () => {
  let stack: ScaleStack;
  let pool: Pool;
  beforeAll(async () => {
    stack = await startScaleStack({
      apis: 2,
      workers: 3,
      env: { RECONCILE_INTERVAL_MS: "500", RECONCILE_GRACE_MS: "500", JOB_BACKOFF_MS: "100" },
      workerEnv: { WORKER_CONCURRENCY: "2" },
    });
    pool = createPool(stack.db.url, { max: 2 });
    await connectAndSync(stack);
  });
  afterAll(async () => {
    await pool?.end();
    await stack?.stop();
  });

  it("runs every job to its end, the load spread over both APIs, each SAP call once per job step", async () => {
    const keys = await sapKeys(stack, "spread", KEYS);
    await stack.sap.admin.resetRequests();
    // Slow deletes: a worker holds two at most, so the others get theirs.
    await stack.sap.admin.addFault({ route: "keys.delete", latencyMs: 300 });
    const [a, b] = stack.apis as [ApiProcess, ApiProcess];
    const submitted = await Promise.all(
      keys.map(async (key, i) => {
        const [api, other] = i % 2 === 0 ? [a, b] : [b, a]; // half through each API
        const res = await api.call("POST", JOBS, { id: key.id, operation: "delete" });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        return { sapId: key.sapId, jobId: res.body.id as string, other };
      }),
    );
    for (const job of submitted) {
      // Read through the API that did not take it: the record is in Postgres, not in a process.
      const ended = await waitFor(
        () => job.other.call("GET", `${JOBS}/${job.jobId}`),
        (r) => r.body.state === "DONE" || r.body.state === "FAILED",
        60_000,
      );
      expect(ended.body).toMatchObject({ state: "DONE", backup_status: "done" });
    }
    await stack.sap.admin.clearFaults();
    for (const job of submitted) {
      expect(await stack.sap.admin.count("versions.export", job.sapId)).toBe(1);
      expect(await stack.sap.admin.count("keys.delete", job.sapId)).toBe(1);
    }
    // More than one worker process ran them (BullMQ hands each job to whichever is free).
    const actors = await pool.query<{ actor: string }>(
      `SELECT DISTINCT actor FROM sap_key_job_events WHERE job_id = ANY($1::uuid[]) AND to_state = 'DONE'`,
      [submitted.map((j) => j.jobId)],
    );
    expect(actors.rows.length).toBeGreaterThanOrEqual(2);
  });

  it("shows the same queues and counts in Bull Board from either API", async () => {
    const [a, b] = stack.apis as [ApiProcess, ApiProcess];
    const fromA = await boardQueues(a.url);
    const fromB = await boardQueues(b.url);
    expect(fromA).toEqual(fromB);
    expect(fromA.find((q) => q.name === KEY_JOBS_QUEUE)?.counts.completed).toBeGreaterThanOrEqual(KEYS);
  });
});
