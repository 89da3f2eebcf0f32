import { randomUUID } from "node:crypto";
import { createPool, type Pool } from "@cckm/db";
import { submitJob } from "@cckm/jobs";
import { KEY_JOBS_QUEUE } from "@cckm/queue";
import type { TestProcess } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAndSync, JOBS, syncAll } from "../support/jobs-fixture.ts";
import { waitFor } from "../support/stack-processes.ts";
import { boardQueues } from "./support/board.ts";
import { healthUrlOf, isLeader, type ScaleStack, startScaleStack } from "./support/scale-stack.ts";

const KEYS = 12;

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

  /** Each worker's leadership, as its /metrics says; the ones that have exited are left out. */
  const leaders = async (workers: TestProcess[]) =>
    Promise.all(workers.filter((w) => w.child.exitCode === null).map(async (w) => isLeader(healthUrlOf(w))));

  it("runs every job to its end, the load spread over both APIs, each SAP call once per job step", async () => {
    const sap = stack.sap.client();
    const [group] = await sap.listAllGroups();
    const made = [];
    for (let i = 0; i < KEYS; i++) {
      made.push(await sap.createKey({ name: `spread-${i}`, groupId: group?.id as string, type: "AES", size: 256, exportable: true }));
    }
    await syncAll(stack);
    await stack.sap.admin.resetRequests();
    // Slow deletes: a worker holds two at most, so the others get theirs.
    await stack.sap.admin.addFault({ route: "keys.delete", latencyMs: 300 });
    const [a, b] = stack.apis as [ScaleStack["apis"][0], ScaleStack["apis"][0]];
    const submitted = await Promise.all(
      made.map(async (key, i) => {
        const api = i % 2 === 0 ? a : b; // half through each API
        const id = (await api.call("GET", `/cckm/sap/keys?sap_key_id=${key.id}`)).body.resources[0]?.id;
        const res = await api.call("POST", JOBS, { id, operation: "delete" });
        expect(res.status).toBe(201);
        return { sapId: key.id, jobId: res.body.id as string, other: i % 2 === 0 ? b : a };
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
    for (const job of submitted) {
      expect(await stack.sap.admin.count("versions.export", job.sapId)).toBe(1);
      expect(await stack.sap.admin.count("keys.delete", job.sapId)).toBe(1);
    }
    await stack.sap.admin.clearFaults();
    // More than one worker process ran them (BullMQ hands each job to whichever is free).
    const actors = await pool.query<{ actor: string }>(
      `SELECT DISTINCT actor FROM sap_key_job_events WHERE job_id = ANY($1::uuid[]) AND to_state = 'DONE'`,
      [submitted.map((j) => j.jobId)],
    );
    expect(actors.rows.length).toBeGreaterThanOrEqual(2);
  });

  it("shows the same queues and counts in Bull Board from either API", async () => {
    const [a, b] = stack.apis as [ScaleStack["apis"][0], ScaleStack["apis"][0]];
    const fromA = await boardQueues(a.url);
    const fromB = await boardQueues(b.url);
    expect(fromA).toEqual(fromB);
    expect(fromA.find((q) => q.name === KEY_JOBS_QUEUE)?.counts.completed).toBeGreaterThanOrEqual(KEYS);
  });

  it("has exactly one reconciler; when it is killed another takes over and reconciles", async () => {
    const one = (flags: Array<boolean | undefined>) => flags.filter((f) => f === true).length === 1 && flags.every((f) => f !== undefined);
    const before = await waitFor(() => leaders(stack.workers), one);
    const leader = stack.workers[before.indexOf(true)] as TestProcess;
    const leaderUrl = healthUrlOf(leader);
    await leader.stop("SIGKILL");
    const survivors = stack.workers.filter((w) => w !== leader);
    // The lock is a Postgres session's: it ends with the killed process, and a standby takes it at its next try.
    const after = await waitFor(() => leaders(survivors), one, 15_000);
    expect(after.filter(Boolean)).toHaveLength(1);
    expect(survivors[after.indexOf(true)]?.output()).toMatch(/reconciler: this worker reconciles/);
    expect(healthUrlOf(survivors[after.indexOf(true)] as TestProcess)).not.toBe(leaderUrl);

    // The new leader does the reconciler's work: a job committed and never enqueued (what an API that
    // died between the two leaves) is put on the queue after the grace period and runs.
    const sap = stack.sap.client();
    const [group] = await sap.listAllGroups();
    const key = await sap.createKey({ name: "orphan", groupId: group?.id as string, type: "AES", size: 256, exportable: true });
    await syncAll(stack);
    const id = (await stack.call("GET", `/cckm/sap/keys?sap_key_id=${key.id}`)).body.resources[0]?.id;
    const job = await submitJob(pool, {
      keyId: id,
      operation: "delete",
      deleteIfBackupFails: false,
      creatorId: randomUUID(),
      creatorName: "scale-test",
    });
    const ended = await waitFor(
      () => stack.call("GET", `${JOBS}/${job.id}`),
      (r) => r.body.state === "DONE" || r.body.state === "FAILED",
      60_000,
    );
    expect(ended.body.state).toBe("DONE");
  });
});
