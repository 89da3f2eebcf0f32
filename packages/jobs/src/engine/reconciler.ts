import type { Pool } from "@cckm/db";
import type { Logger } from "@cckm/log";
import type { Queue } from "bullmq";
import pg from "pg";
import { addJob } from "./enqueue.ts";
import type { AnyJobKind } from "./kind.ts";
import { activeJobs, type ReconcileCursor } from "./sql/active-jobs.ts";

export type { ReconcileCursor } from "./sql/active-jobs.ts";

/** Advisory lock key of the reconciler: one active in the whole deployment. */
export const RECONCILER_LOCK_KEY = 7_270_737_002;
const BATCH = 1000;
const LIVE = new Set(["waiting", "active", "delayed", "prioritized", "waiting-children"]);

export interface ReconcilerOptions {
  pool: Pool;
  databaseUrl: string;
  /** The kinds to walk, each with its producer queue (by queue name). */
  kinds: readonly AnyJobKind[];
  queues: Record<string, Queue>;
  /** What the kinds' `fail` statements need. */
  services?: unknown;
  intervalMs: number;
  graceMs: number;
  actor: string;
  logger: Logger;
  /** Rows of each kind one pass looks at (default 1,000). */
  batchSize?: number;
  /** Told how many jobs a pass put back on a queue (for metrics). */
  onRequeued?: (count: number) => void;
  /** Told when this process becomes the deployment's reconciler (true) and when it stops being it (false). */
  onLeadership?: (leading: boolean) => void;
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

export interface KindReport {
  enqueued: number;
  failed: number;
  /** Where the next pass goes on; null once the pass reached the newest row (the next starts over). */
  cursor: ReconcileCursor | null;
}

export interface ReconcileReport {
  enqueued: number;
  failed: number;
  /** Per kind name. */
  cursors: Record<string, ReconcileCursor | null>;
}

function queueOf(options: ReconcilerOptions, kind: AnyJobKind): Queue {
  const queue = options.queues[kind.queue];
  if (!queue) throw new Error(`no queue ${kind.queue} for kind ${kind.name}`);
  return queue;
}

/**
 * One pass over one kind: every active row older than the grace period must have a live queue job.
 * Missing ones are added again under the same queue job id (an API crash between commit and enqueue,
 * a Redis restart, a FLUSHALL); `completed` while the row is active: removed and added again; ones the
 * queue gave up on are failed in Postgres (the kind's guarded `fail`) with the queue's reason.
 */
export async function reconcileKind(
  options: ReconcilerOptions,
  kind: AnyJobKind,
  cursor: ReconcileCursor | null = null,
): Promise<KindReport> {
  const queue = queueOf(options, kind);
  const before = new Date(Date.now() - options.graceMs);
  const batchSize = options.batchSize ?? BATCH;
  const rows = await activeJobs(options.pool, kind, before, cursor, batchSize);
  const report: KindReport = { enqueued: 0, failed: 0, cursor: null };
  const last = rows.at(-1);
  if (last && rows.length === batchSize) report.cursor = { createdAt: last.createdAt, id: last.id };
  const states = await queueStates(
    queue,
    rows.map((r) => r.queueJobId),
  );
  for (const [i, row] of rows.entries()) {
    const state = states[i] as string;
    if (LIVE.has(state)) continue;
    if (state === "failed") {
      const reason = (await queue.getJob(row.queueJobId))?.failedReason ?? "the queue gave up";
      const failure = { code: "QUEUE_FAILED", message: reason };
      if (await kind.fail(options.pool, row.id, options.actor, failure, options.services)) report.failed++;
      continue;
    }
    // A completed queue job whose row is still active: its record lost the end; run it again.
    if (state !== "unknown" && !(await removed(queue, row.queueJobId, options.logger))) continue;
    await addJob(queue, kind, row);
    report.enqueued++;
  }
  return report;
}

/** Removes a queue job so it can be added again; one BullMQ will not remove (locked) waits for the next pass. */
async function removed(queue: Queue, queueJobId: string, logger: Logger): Promise<boolean> {
  try {
    await queue.remove(queueJobId);
    return true;
  } catch (error) {
    logger.warn({ err: error, queueJobId }, "reconciler: could not remove a stale queue job; next pass");
    return false;
  }
}

/** One pass over every kind, each going on from its own cursor. */
export async function reconcileOnce(
  options: ReconcilerOptions,
  cursors: Record<string, ReconcileCursor | null> = {},
): Promise<ReconcileReport> {
  const report: ReconcileReport = { enqueued: 0, failed: 0, cursors: {} };
  for (const kind of options.kinds) {
    const one = await reconcileKind(options, kind, cursors[kind.name] ?? null);
    report.enqueued += one.enqueued;
    report.failed += one.failed;
    report.cursors[kind.name] = one.cursor;
  }
  return report;
}

/**
 * Runs reconcileOnce every interval while this process holds the reconciler's advisory lock (on a
 * connection of its own, so the lock lives exactly as long as the process's session). Other workers
 * keep trying, and one of them takes over when the holder dies.
 */
export function startReconciler(options: ReconcilerOptions): { stop(): Promise<void>; leading(): boolean } {
  let client: pg.Client | undefined;
  let holding = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let cursors: Record<string, ReconcileCursor | null> = {};

  const lead = (now: boolean) => {
    if (now === holding) return;
    holding = now;
    const message = now ? "reconciler: this worker reconciles" : "reconciler: no longer the leader";
    options.logger.info({ reconcilerLeader: now }, message);
    options.onLeadership?.(now);
  };
  const endClient = async () => {
    const ending = client;
    client = undefined;
    lead(false);
    // The session ends either way (its lock with it); an error ending a broken connection says nothing new.
    await ending?.end().catch((error: unknown) => options.logger.debug({ err: error }, "reconciler: connection end"));
  };
  /** Whether this process holds the lock now; a lost session ends the lock (and the leadership) with it. */
  const elect = async (): Promise<boolean> => {
    try {
      if (!client) {
        client = new pg.Client({ connectionString: options.databaseUrl, application_name: "cckm-reconciler" });
        client.on("error", () => {
          client = undefined;
          lead(false);
        });
        await client.connect();
      }
      if (!holding) {
        const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [
          RECONCILER_LOCK_KEY,
        ]);
        lead(rows[0]?.ok === true);
      }
      return holding;
    } catch (error) {
      options.logger.warn({ err: error }, "reconciler: cannot reach Postgres for the lock; trying again next interval");
      await endClient();
      return false;
    }
  };
  const tick = async () => {
    if (!(await elect())) return;
    try {
      const report = await reconcileOnce(options, cursors);
      cursors = report.cursors;
      if (report.enqueued > 0) options.onRequeued?.(report.enqueued);
      if (report.enqueued + report.failed > 0) {
        options.logger.info({ enqueued: report.enqueued, failed: report.failed }, "reconciler: repaired jobs");
      }
    } catch (error) {
      // Redis or the pool away: still the leader (the lock's session is its own), next pass tries again.
      options.logger.warn({ err: error }, "reconciler pass failed; trying again next interval");
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
    leading: () => holding,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await endClient();
    },
  };
}
