import { createWorkerConnection } from "@cckm/queue";
import { Queue, Worker } from "bullmq";
import pg from "pg";
import { pool } from "./stats.ts";

/** (a) Raw BullMQ: no-op jobs through one in-process worker at `concurrency`, same Redis. */
export async function bullmqNoop(redisUrl: string, prefix: string, n: number, concurrency: number) {
  const connection = createWorkerConnection(redisUrl, "cckm-bench-noop");
  const queue = new Queue("bench-noop", { connection, prefix });
  const workerConnection = createWorkerConnection(redisUrl, "cckm-bench-noop-worker");
  let done = 0;
  let resolveAll: () => void = () => {};
  const all = new Promise<void>((r) => {
    resolveAll = r;
  });
  const worker = new Worker(
    "bench-noop",
    async () => {
      done++;
      if (done === n) resolveAll();
    },
    { connection: workerConnection, prefix, concurrency },
  );
  const started = performance.now();
  for (let i = 0; i < n; i += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, n - i) }, (_, j) => ({ name: "noop", data: { i: i + j } })),
    );
  }
  await all;
  const seconds = (performance.now() - started) / 1000;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  workerConnection.disconnect(); // a connection passed in is the caller's to close, not BullMQ's
  return { jobs: n, concurrency, jobs_per_s: Math.round(n / seconds) };
}

/** (b) Postgres: the minimum durable work of one job (insert it, commit a backup, mark it done: three commits). */
export async function postgresFloor(databaseUrl: string, n: number, concurrency: number) {
  const db = new pg.Pool({ connectionString: databaseUrl, max: concurrency });
  await db.query(
    `CREATE TABLE IF NOT EXISTS bench_floor_jobs (id bigserial PRIMARY KEY, state text, done_at timestamptz)`,
  );
  await db.query(`CREATE TABLE IF NOT EXISTS bench_floor_backups (job_id bigint, material bytea)`);
  const material = Buffer.alloc(96, 7);
  const started = performance.now();
  await pool(
    Array.from({ length: n }, (_, i) => i),
    concurrency,
    async () => {
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO bench_floor_jobs (state) VALUES ('PENDING') RETURNING id`,
      );
      const id = rows[0]?.id;
      await db.query(`INSERT INTO bench_floor_backups (job_id, material) VALUES ($1, $2)`, [id, material]);
      await db.query(`UPDATE bench_floor_jobs SET state = 'DONE', done_at = now() WHERE id = $1`, [id]);
    },
  );
  const seconds = (performance.now() - started) / 1000;
  await db.query(`DROP TABLE bench_floor_jobs; DROP TABLE bench_floor_backups`);
  await db.end();
  return { jobs: n, concurrency, jobs_per_s: Math.round(n / seconds) };
}
