import { randomUUID } from "node:crypto";
import { ACTIVE_STATES_SQL, createPool, type Pool, SQL_STATE } from "@cckm/db";
import { createLogger } from "@cckm/log";
import { createMetrics } from "@cckm/metrics";
import {
  createProducerConnection,
  createRedisConnection,
  createWorkerConnection,
  type RedisClient,
  standaloneTarget,
} from "@cckm/queue";
import { createTestDatabase, startRedisServer, type TestDatabase } from "@cckm/testkit";
import type { Job } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  createKindQueue,
  defineKind,
  type Engine,
  enqueue,
  PermanentError,
  startEngine,
  TransientError,
} from "./index.ts";

// A kind the engine has never heard of: its table (the migration a real kind would add), then its
// definition. Nothing of the engine changes for it.
const TOY_TABLE = `CREATE TABLE toy_jobs (
  id uuid PRIMARY KEY, plan text NOT NULL, state job_state NOT NULL DEFAULT 'PENDING', attempts int NOT NULL DEFAULT 0,
  error text, error_code text, completed_at timestamptz, created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now())`;
const ENDED = 'state::text AS state, created_at AS "createdAt", completed_at AS "completedAt"';

const toyKind = defineKind<{ toyId: string }, { id: string; plan: string; attempts: number }>({
  name: "toy",
  logField: "toyId",
  queue: "toy-jobs",
  payload: z.strictObject({ toyId: z.uuid() }),
  idOf: (p) => p.toyId,
  payloadOf: (id) => ({ toyId: id }),
  attempts: () => 3,
  concurrency: () => 2,
  table: { name: "toy_jobs", queueJobId: "id::text", jobName: "'toy'", active: `state IN (${ACTIVE_STATES_SQL})` },
  async claim(db, id) {
    const { rows } = await db.query(
      `WITH row AS (SELECT id, state FROM toy_jobs WHERE id = $1 FOR UPDATE), claimed AS (
         UPDATE toy_jobs t SET state = ${SQL_STATE.IN_PROGRESS}, attempts = t.attempts + 1, updated_at = now()
           FROM row WHERE t.id = row.id AND row.state IN (${ACTIVE_STATES_SQL}) RETURNING t.id, t.plan, t.attempts)
       SELECT claimed.* FROM row LEFT JOIN claimed ON true`,
      [id],
    );
    if (!rows[0]) return { outcome: "missing" };
    return rows[0].id ? { outcome: "claimed", claimed: rows[0] } : { outcome: "finished" };
  },
  async run(toy, { db }) {
    if (toy.plan === "permanent") throw new PermanentError("TOY_BROKEN", "no retry fixes this");
    if (toy.plan === "always" || (toy.plan === "flaky" && toy.attempts < 2)) {
      throw new TransientError("TOY_FLAKY", "try again");
    }
    const done = `UPDATE toy_jobs SET state = ${SQL_STATE.DONE}, completed_at = now(), updated_at = now()
                   WHERE id = $1 AND state = ${SQL_STATE.IN_PROGRESS} RETURNING ${ENDED}`;
    return (await db.query(done, [toy.id])).rows[0] ?? null;
  },
  async fail(db, id, _actor, failure) {
    const fail = `UPDATE toy_jobs SET state = ${SQL_STATE.FAILED}, error = $2, error_code = $3, completed_at = now(),
                    updated_at = now() WHERE id = $1 AND state IN (${ACTIVE_STATES_SQL}) RETURNING ${ENDED}`;
    return (await db.query(fail, [id, failure.message, failure.code])).rows[0] ?? null;
  },
});

describe("a toy job kind, registered in a few lines, gets everything from the engine", () => {
  let database: TestDatabase;
  let pool: Pool;
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let connection: RedisClient;
  let producer: RedisClient;
  let engine: Engine;
  const metrics = createMetrics("toy-test");
  const atFailure = new Map<string, string>(); // the row's state when BullMQ said `failed`

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, { max: 6 });
    await pool.query(TOY_TABLE);
    redis = await startRedisServer(); // a server of this test's own: its FLUSHALL touches nobody else
    connection = createWorkerConnection(redis.url, "toy-worker");
    producer = createProducerConnection(redis.url, "toy-producer");
    engine = startEngine({
      kinds: [toyKind],
      services: {},
      pool,
      databaseUrl: database.url,
      connection,
      producer,
      prefix: "{toy}",
      settings: { attempts: 8, backoffMs: 20 },
      worker: { concurrency: 2 },
      maxWaits: 5,
      actor: "toy-test",
      logger: createLogger("toy-test", "silent"),
      metrics,
      reconcile: { intervalMs: 200, graceMs: 300 },
    });
    for (const worker of engine.workers) {
      worker.on("failed", (job: Job | undefined) => {
        if (!job || job.attemptsMade < 3) return;
        void pool
          .query<{ state: string }>("SELECT state::text AS state FROM toy_jobs WHERE id = $1", [job.id])
          .then(({ rows }) => atFailure.set(job.id as string, rows[0]?.state ?? "none"));
      });
    }
  });
  afterAll(async () => {
    await Promise.all(engine.workers.map((w) => w.close()));
    await engine.stop();
    producer.disconnect();
    connection.disconnect();
    await redis.stop();
    await pool.end();
    await database.drop();
  });

  async function submit(plan: string, options: { enqueue?: boolean } = {}): Promise<string> {
    const id = randomUUID();
    await pool.query("INSERT INTO toy_jobs (id, plan) VALUES ($1, $2)", [id, plan]); // commit first
    if (options.enqueue !== false)
      expect(await enqueue(engine.queues, toyKind, { id, queueJobId: id, name: "toy" })).toBe(true);
    return id;
  }
  const row = async (id: string) =>
    (await pool.query("SELECT state::text AS state, attempts, error_code FROM toy_jobs WHERE id = $1", [id])).rows[0];
  async function ended(id: string) {
    for (let i = 0; i < 300; i++) {
      const r = await row(id);
      if (r && (r.state === "DONE" || r.state === "FAILED")) return r;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`toy job ${id} did not end`);
  }
  const counted = async (outcome: string) =>
    (await metrics.jobsFinished.get()).values.find((v) => v.labels.operation === "toy" && v.labels.outcome === outcome)
      ?.value ?? 0;

  it("enqueues after the commit, claims and runs a job to DONE", async () => {
    const id = await submit("ok");
    expect(await ended(id)).toEqual({ state: "DONE", attempts: 1, error_code: null });
    expect(await engine.queues.of(toyKind).getJobState(id)).toBe("completed");
  });

  it("retries a transient error with the kind's backoff, then succeeds", async () => {
    const id = await submit("flaky");
    expect(await ended(id)).toEqual({ state: "DONE", attempts: 2, error_code: null });
  });

  it("ends a permanent error at once, and a transient one after the kind's 3 attempts, FAILED in Postgres before BullMQ", async () => {
    const permanent = await submit("permanent");
    const exhausted = await submit("always");
    expect(await ended(permanent)).toEqual({ state: "FAILED", attempts: 1, error_code: "TOY_BROKEN" });
    expect(await ended(exhausted)).toEqual({ state: "FAILED", attempts: 3, error_code: "TOY_FLAKY" });
    for (const id of [permanent, exhausted]) expect(await engine.queues.of(toyKind).getJobState(id)).toBe("failed");
    for (;;) {
      if (atFailure.has(exhausted)) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(atFailure.get(exhausted)).toBe("FAILED"); // written before the queue was told
  });

  it("after FLUSHALL, the reconciler enqueues every active toy job again from Postgres, and they finish", async () => {
    await Promise.all(engine.workers.map((w) => w.pause())); // local pause: survives the flush
    const before = (await metrics.reconcilerRequeued.get()).values[0]?.value ?? 0;
    const ids = [await submit("ok"), await submit("ok"), await submit("ok", { enqueue: false })];
    const client = createRedisConnection(standaloneTarget(redis.url), "tool", "toy-admin");
    await client.flushall();
    expect(await client.dbsize()).toBe(0);
    client.disconnect();
    for (;;) {
      const states = await Promise.all(ids.map((id) => engine.queues.of(toyKind).getJobState(id)));
      const rows = await Promise.all(ids.map(row));
      // Each is queued again, or was taken by a worker as it paused (then it ended in Postgres).
      if (states.every((s, i) => s === "waiting" || rows[i]?.state === "DONE")) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (const w of engine.workers) w.resume();
    for (const id of ids) expect(await ended(id)).toMatchObject({ state: "DONE", attempts: 1 });
    expect(((await metrics.reconcilerRequeued.get()).values[0]?.value ?? 0) - before).toBeGreaterThanOrEqual(3);
  });

  it("counts what it ended in the job metrics, and its queue shows in the depth gauge", async () => {
    expect(await counted("DONE")).toBe(5);
    expect(await counted("FAILED")).toBe(2);
    const durations = (await metrics.jobDuration.get()).values.filter((v) => v.labels.operation === "toy");
    expect(durations.length).toBeGreaterThan(0);
    const settings = { prefix: "{toy}", attempts: 8, backoffMs: 20 };
    const apiQueue = createKindQueue(toyKind, producer, settings, () => {});
    const api = createMetrics("toy-api", [apiQueue]);
    // The three jobs since the flush (the flush took the older queue jobs with it; Postgres kept them).
    expect(await api.registry.metrics()).toMatch(
      /cckm_queue_jobs\{[^}]*queue="toy-jobs"[^}]*state="completed"[^}]*\} 3/,
    );
    await apiQueue.close();
  });
});
