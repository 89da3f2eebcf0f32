import type { Pool } from "@cckm/db";
import type { Logger } from "@cckm/log";
import type { Metrics } from "@cckm/metrics";
import { backoffStrategy, type RedisClient } from "@cckm/queue";
import { Worker } from "bullmq";
import { createKindQueues, type KindQueues } from "./enqueue.ts";
import { watchFinalFailures } from "./final-failures.ts";
import { HeldJobs } from "./held-jobs.ts";
import type { AnyJobKind, KindSettings } from "./kind.ts";
import { processorFor } from "./processor.ts";
import { startReconciler } from "./reconciler.ts";

export interface EngineOptions<S> {
  /** The registered kinds: a worker, a final-failure watcher and a reconciler walk for each. */
  kinds: readonly AnyJobKind[];
  /** What the kinds' statements and runs need. */
  services: S;
  pool: Pool;
  databaseUrl: string;
  /** BullMQ's blocking connection (workers: `maxRetriesPerRequest: null`). */
  connection: RedisClient;
  /** The reconciler's producer connection (fails fast). */
  producer: RedisClient;
  /** Hash-tagged Redis prefix, e.g. `{cckm}`. */
  prefix: string;
  settings: KindSettings;
  worker: { concurrency: number; lockDuration?: number; stalledInterval?: number; maxStalledCount?: number };
  /** Waits on infrastructure a job may make before they count as attempts (JOB_MAX_WAITS). */
  maxWaits: number;
  actor: string;
  logger: Logger;
  metrics: Metrics;
  /** The jobs this process holds (handed back if a shutdown runs out of time); one is made if absent. */
  held?: HeldJobs;
  /** The reconciler's pace; false runs none in this process. */
  reconcile: { intervalMs: number; graceMs: number; batchSize?: number } | false;
}

export interface Engine {
  workers: Worker[];
  /** The producer queue of each kind. */
  queues: KindQueues;
  held: HeldJobs;
  /** Stops the reconciler and closes the producer queues (the workers are closed by the caller's drain). */
  stop(): Promise<void>;
}

/** Starts a BullMQ worker per registered kind, all through the one processor, and the reconciler. */
export function startEngine<S>(options: EngineOptions<S>): Engine {
  const held = options.held ?? new HeldJobs();
  const { logger, metrics, actor, pool, services } = options;
  const deps = { logger, metrics, held, maxWaits: options.maxWaits, pool, services, actor };
  const workers = options.kinds.map((kind) => {
    const worker = new Worker(kind.queue, processorFor(kind, deps), {
      connection: options.connection,
      prefix: options.prefix,
      ...(options.worker.lockDuration !== undefined ? { lockDuration: options.worker.lockDuration } : {}),
      ...(options.worker.stalledInterval !== undefined ? { stalledInterval: options.worker.stalledInterval } : {}),
      ...(options.worker.maxStalledCount !== undefined ? { maxStalledCount: options.worker.maxStalledCount } : {}),
      settings: { backoffStrategy },
      concurrency: kind.concurrency(options.worker.concurrency),
    });
    worker.on("error", (error) => logger.error({ err: error, queue: worker.name }, "worker error"));
    watchFinalFailures({ pool, worker, kind, services, actor, logger, metrics });
    return worker;
  });
  const onQueueError = (error: Error) => logger.warn({ err: error }, "queue error (reconciler)");
  const queueSettings = { prefix: options.prefix, ...options.settings };
  const queues = createKindQueues(options.kinds, options.producer, queueSettings, onQueueError);
  const reconciler = options.reconcile
    ? startReconciler({
        pool,
        databaseUrl: options.databaseUrl,
        kinds: options.kinds,
        queues: Object.fromEntries(queues.all.map((queue) => [queue.name, queue])),
        services,
        ...options.reconcile,
        actor,
        logger: logger.child({ component: "reconciler" }),
        onRequeued: (n) => metrics.reconcilerRequeued.inc(n),
        onLeadership: (leading) => metrics.reconcilerLeader.set(leading ? 1 : 0),
      })
    : null;
  return {
    workers,
    queues,
    held,
    async stop() {
      await reconciler?.stop();
      await queues.close();
    },
  };
}
