import type { Db, Pool } from "@cckm/db";
import { failSync } from "@cckm/inventory";
import { failJob } from "@cckm/jobs";
import type { Logger } from "@cckm/log";
import type { Queue } from "bullmq";
import pg from "pg";

/** Advisory lock key of the reconciler: one active in the whole deployment. */
export const RECONCILER_LOCK_KEY = 7_270_737_002;
const BATCH = 500;
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
  /** Told how many jobs a pass put back on a queue (for metrics). */
  onRequeued?: (count: number) => void;
}

export interface ReconcileReport {
  enqueued: number;
  failed: number;
}

/** Where a queue job is: missing (never added, or Redis lost it), live, or finished. */
async function queueState(queue: Queue, id: string): Promise<string> {
  const job = await queue.getJob(id);
  return job ? await job.getState() : "missing";
}

/**
 * One pass: every PENDING or IN_PROGRESS job (and running sync) older than the grace period must
 * have a live queue job. Missing ones are enqueued again under the same queue job id (an API crash
 * between commit and enqueue, a Redis restart, a FLUSHALL); ones the queue gave up on are failed in
 * Postgres with the queue's reason.
 */
export async function reconcileOnce(options: ReconcilerOptions): Promise<ReconcileReport> {
  const { db, queues, actor } = options;
  const before = new Date(Date.now() - options.graceMs);
  const report = { enqueued: 0, failed: 0 };
  const jobs = await db.sapKeyJob.findMany({
    where: { state: { in: ["PENDING", "IN_PROGRESS"] }, updatedAt: { lt: before } },
    select: { id: true, queueJobId: true, operation: true },
    orderBy: { createdAt: "asc" },
    take: BATCH,
  });
  for (const job of jobs) {
    const state = await queueState(queues.keyJobs, job.queueJobId);
    if (LIVE.has(state)) continue;
    if (state === "failed") {
      const reason = (await queues.keyJobs.getJob(job.queueJobId))?.failedReason ?? "the queue gave up";
      if (await failJob(options.pool, job.id, actor, { code: "QUEUE_FAILED", message: reason })) report.failed++;
      continue;
    }
    if (state !== "missing") await queues.keyJobs.remove(job.queueJobId).catch(() => 0);
    await queues.keyJobs.add(job.operation, { jobId: job.id }, { jobId: job.queueJobId });
    report.enqueued++;
  }
  const syncs = await db.syncJob.findMany({
    where: { overallStatus: "in_progress", updatedAt: { lt: before } },
    select: { id: true },
    take: BATCH,
  });
  for (const sync of syncs) {
    const state = await queueState(queues.sync, sync.id);
    if (LIVE.has(state)) continue;
    if (state === "failed") {
      if (await failSync(db, sync.id, "QUEUE_FAILED: the queue gave up on this synchronization")) report.failed++;
      continue;
    }
    if (state !== "missing") await queues.sync.remove(sync.id).catch(() => 0);
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
        const report = await reconcileOnce(options);
        if (report.enqueued > 0) options.onRequeued?.(report.enqueued);
        if (report.enqueued + report.failed > 0) options.logger.info(report, "reconciler: repaired jobs");
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
