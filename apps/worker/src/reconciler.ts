import type { Db, Pool } from "@cckm/db";
import { failSync } from "@cckm/inventory";
import { failJob } from "@cckm/jobs";
import type { Logger } from "@cckm/log";
import type { Queue } from "bullmq";
import pg from "pg";

/** Advisory lock key of the reconciler: one active in the whole deployment. */
export const RECONCILER_LOCK_KEY = 7_270_737_002;
const BATCH = 1000;
const LIVE = new Set(["waiting", "active", "delayed", "prioritized", "waiting-children"]);

export interface ReconcilerOptions {
  db: Db;
  pool: Pool;
  databaseUrl: string;
  queues: { keyJobs: Queue; sync: Queue };
  intervalMs: number;
  graceMs: number;
  actor: string;
  logger: Logger;
  /** Key jobs one pass looks at (default 1,000). */
  batchSize?: number;
  /** Told how many jobs a pass put back on a queue (for metrics). */
  onRequeued?: (count: number) => void;
}

/** How many queue lookups go to Redis at once (ioredis pipelines them on one connection). */
const LOOKUP_CHUNK = 100;

/** The queue state of each id, looked up in pipelined chunks; `unknown` means the queue lost it. */
async function queueStates(queue: Queue, ids: string[]): Promise<string[]> {
  const states: string[] = [];
  for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
    states.push(...(await Promise.all(ids.slice(i, i + LOOKUP_CHUNK).map((id) => queue.getJobState(id)))));
  }
  return states;
}

/** Where the previous pass stopped: each pass goes on from there, so a large backlog is covered in turn. */
export interface ReconcileCursor {
  /** `created_at` as Postgres prints it. */
  createdAt: string;
  id: string;
}

export interface ReconcileReport {
  enqueued: number;
  failed: number;
  /** Where the next pass goes on; null once the pass reached the newest job (the next starts over). */
  cursor: ReconcileCursor | null;
}

/**
 * One pass: every PENDING or IN_PROGRESS job (and running sync) older than the grace period must
 * have a live queue job. Missing ones are enqueued again under the same queue job id (an API crash
 * between commit and enqueue, a Redis restart, a FLUSHALL); ones the queue gave up on are failed in
 * Postgres with the queue's reason. A pass looks at BATCH key jobs after `cursor`, oldest first.
 */
export async function reconcileOnce(
  options: ReconcilerOptions,
  cursor: ReconcileCursor | null = null,
): Promise<ReconcileReport> {
  const { db, queues, actor } = options;
  const before = new Date(Date.now() - options.graceMs);
  const report: ReconcileReport = { enqueued: 0, failed: 0, cursor: null };
  const batchSize = options.batchSize ?? BATCH;
  // Keyset on (created_at, id), with the timestamp kept as Postgres's text (microseconds, which a JS Date drops).
  const { rows: jobs } = await options.pool.query<{
    id: string;
    job_id: string;
    operation: string;
    created_at: string;
  }>(
    `SELECT id, job_id, operation, created_at::text AS created_at
       FROM sap_key_jobs
      WHERE state IN ('PENDING', 'IN_PROGRESS') AND updated_at < $1
        AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
      ORDER BY created_at, id
      LIMIT $4`,
    [before, cursor?.createdAt ?? null, cursor?.id ?? null, batchSize],
  );
  const last = jobs.at(-1);
  if (last && jobs.length === batchSize) report.cursor = { createdAt: last.created_at, id: last.id };
  const states = await queueStates(
    queues.keyJobs,
    jobs.map((j) => j.job_id),
  );
  for (const [i, job] of jobs.entries()) {
    const state = states[i] as string;
    if (LIVE.has(state)) continue;
    if (state === "failed") {
      const reason = (await queues.keyJobs.getJob(job.job_id))?.failedReason ?? "the queue gave up";
      if (await failJob(options.pool, job.id, actor, { code: "QUEUE_FAILED", message: reason })) report.failed++;
      continue;
    }
    if (state !== "unknown") await queues.keyJobs.remove(job.job_id).catch(() => 0);
    await queues.keyJobs.add(job.operation, { jobId: job.id }, { jobId: job.job_id });
    report.enqueued++;
  }
  const syncs = await db.syncJob.findMany({
    where: { overallStatus: "in_progress", updatedAt: { lt: before } },
    select: { id: true },
    take: BATCH,
  });
  const syncStates = await queueStates(
    queues.sync,
    syncs.map((s) => s.id),
  );
  for (const [i, sync] of syncs.entries()) {
    const state = syncStates[i] as string;
    if (LIVE.has(state)) continue;
    if (state === "failed") {
      if (await failSync(db, sync.id, "QUEUE_FAILED: the queue gave up on this synchronization")) report.failed++;
      continue;
    }
    if (state !== "unknown") await queues.sync.remove(sync.id).catch(() => 0);
    await queues.sync.add("sync", { syncJobId: sync.id }, { jobId: sync.id });
    report.enqueued++;
  }
  return report;
}

/**
 * Runs reconcileOnce every interval while this process holds the reconciler's advisory lock (on a
 * connection of its own, so the lock lives exactly as long as the process's session). Other workers
 * keep trying, and one of them takes over when the holder dies.
 */
export function startReconciler(options: ReconcilerOptions): { stop(): Promise<void> } {
  let client: pg.Client | undefined;
  let holding = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let cursor: ReconcileCursor | null = null;

  const tick = async () => {
    try {
      if (!client) {
        client = new pg.Client({ connectionString: options.databaseUrl, application_name: "cckm-reconciler" });
        client.on("error", () => {
          client = undefined;
          holding = false;
        });
        await client.connect();
      }
      if (!holding) {
        const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [
          RECONCILER_LOCK_KEY,
        ]);
        holding = rows[0]?.ok === true;
        if (holding) options.logger.info("reconciler: this worker reconciles");
      }
      if (holding) {
        const report = await reconcileOnce(options, cursor);
        cursor = report.cursor;
        if (report.enqueued > 0) options.onRequeued?.(report.enqueued);
        if (report.enqueued + report.failed > 0) {
          options.logger.info({ enqueued: report.enqueued, failed: report.failed }, "reconciler: repaired jobs");
        }
      }
    } catch (error) {
      options.logger.warn({ err: error }, "reconciler pass failed; trying again next interval");
      await client?.end().catch(() => {});
      client = undefined;
      holding = false;
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(schedule);
    }, options.intervalMs);
  };
  running = tick().finally(schedule);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await client?.end().catch(() => {});
    },
  };
}
