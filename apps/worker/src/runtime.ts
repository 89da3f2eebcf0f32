import { hostname } from "node:os";
import { buildOrClose, createCloser, type WorkerEnv } from "@cckm/config";
import { createKeyring } from "@cckm/crypto";
import { createPool, createPrismaClient } from "@cckm/db";
import { checkRedisPolicy, createReadinessProbe, startHealthServer } from "@cckm/health";
import { SapClients } from "@cckm/inventory";
import { rotatingExportKey } from "@cckm/jobs";
import { createLogger, type Logger } from "@cckm/log";
import { createMetrics, observeSapCall } from "@cckm/metrics";
import {
  backoffStrategy,
  createProducerConnection,
  createQueue,
  createWorkerConnection,
  KEY_JOBS_QUEUE,
  SYNC_ATTEMPTS,
  SYNC_JOBS_QUEUE,
} from "@cckm/queue";
import { Worker } from "bullmq";
import { watchFinalFailures } from "./final-failures.ts";
import { HeldJobs } from "./held-jobs.ts";
import { keyJobProcessor } from "./processors/key-job-processor.ts";
import { syncProcessor } from "./processors/sync-processor.ts";
import { startReconciler } from "./reconciler.ts";
import { drainOrHandBack, handBackAfterMs } from "./shutdown.ts";

/** A production worker on a Redis that may evict or forget jobs: it refuses to start (exit 78). */
export class RedisPolicyRefusedError extends Error {
  readonly code = "REDIS_POLICY_REFUSED";
  constructor() {
    super("refusing to start in production on a Redis that may evict or forget jobs (see the warnings above)");
  }
}

/** The worker process: connections built by createWorkerRuntime, its loops started by start(). */
export interface WorkerRuntime {
  env: WorkerEnv;
  logger: Logger;
  /** Starts the reconciler, the health server and the BullMQ workers; returns the health port. */
  start(): Promise<{ healthPort: number }>;
  /**
   * Drains the workers (handing back what outlasts SHUTDOWN_TIMEOUT_MS), then stops the health
   * server, the reconciler, the queues, Redis and Postgres: each step even when one fails.
   */
  close(): Promise<void>;
}

/** The one composition root of the worker: main.ts builds it, and so does anything else that runs one. */
export async function createWorkerRuntime(env: WorkerEnv, options: { logger?: Logger } = {}): Promise<WorkerRuntime> {
  const logger = options.logger ?? createLogger("worker", env.LOG_LEVEL);
  const actor = `worker:${hostname()}:${process.pid}`;
  const closer = createCloser();
  return buildOrClose(closer, async () => {
    const pool = createPool(env.DATABASE_URL, {
      applicationName: "cckm-worker",
      max: env.WORKER_CONCURRENCY + 4,
      onError: ({ code, message }) =>
        logger.warn({ code, reason: message }, "idle Postgres connection lost; the pool opens a new one"),
    });
    closer.add("postgres pool", () => pool.end());
    const db = createPrismaClient(pool);
    closer.add("prisma", () => db.$disconnect());
    const keyring = createKeyring({ id: env.BACKUP_KEK_ID, base64: env.BACKUP_KEK }, env.BACKUP_KEK_PREVIOUS);
    const metrics = createMetrics("worker");
    const clients = new SapClients(keyring, {
      timeoutMs: env.SAP_KMS_TIMEOUT_MS,
      allowPrivateEndpoints: env.SAP_KMS_ALLOW_PRIVATE_ENDPOINTS,
      logger: logger.child({ component: "sap-kms-client" }),
      observe: (e) => observeSapCall(metrics, e),
    });
    const connection = createWorkerConnection(env.REDIS_URL, "cckm-worker");
    connection.on("error", (error) => logger.warn({ err: error }, "redis connection error"));
    closer.add("redis (workers)", () => connection.disconnect());
    const policy = await checkRedisPolicy(connection);
    for (const problem of policy.problems) logger.warn({ redis: "policy" }, problem);
    if (policy.problems.length > 0 && env.NODE_ENV === "production") throw new RedisPolicyRefusedError();

    const producer = createProducerConnection(env.REDIS_URL, "cckm-reconciler");
    producer.on("error", (error) => logger.warn({ err: error }, "redis connection error (reconciler)"));
    closer.add("redis (reconciler)", () => producer.disconnect());
    const settings = { prefix: env.REDIS_PREFIX, attempts: env.JOB_ATTEMPTS, backoffMs: env.JOB_BACKOFF_MS };
    const onQueueError = (error: Error) => logger.warn({ err: error }, "queue error (reconciler)");
    const queues = {
      keyJobs: createQueue(KEY_JOBS_QUEUE, producer, settings, onQueueError),
      sync: createQueue(SYNC_JOBS_QUEUE, producer, { ...settings, attempts: SYNC_ATTEMPTS }, onQueueError),
    };
    closer.add("queues", async () => void (await Promise.all([queues.keyJobs.close(), queues.sync.close()])));
    const readiness = await createReadinessProbe({ databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL });
    closer.add("readiness probe", () => readiness.close());

    const start = async () => {
      const reconciler = startReconciler({
        db,
        pool,
        databaseUrl: env.DATABASE_URL,
        queues,
        intervalMs: env.RECONCILE_INTERVAL_MS,
        graceMs: env.RECONCILE_GRACE_MS,
        actor,
        logger: logger.child({ component: "reconciler" }),
        onRequeued: (n) => metrics.reconcilerRequeued.inc(n),
      });
      closer.add("reconciler", () => reconciler.stop());
      const registry = metrics.registry;
      const health = await startHealthServer({
        port: env.WORKER_HEALTH_PORT,
        host: env.HOST,
        probe: readiness,
        metrics: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
      }).catch((error: unknown) => {
        throw new Error(`cannot listen on ${env.HOST}:${env.WORKER_HEALTH_PORT}: ${(error as Error).message}`, {
          cause: error,
        });
      });
      closer.add("health server", () => health.close());
      startWorkers();
      logger.info(
        { port: health.port, queues: [KEY_JOBS_QUEUE, SYNC_JOBS_QUEUE], concurrency: env.WORKER_CONCURRENCY },
        `worker health on http://${env.HOST}:${health.port}`,
      );
      return { healthPort: health.port };
    };

    const startWorkers = () => {
      const workerOptions = {
        connection,
        prefix: env.REDIS_PREFIX,
        lockDuration: env.WORKER_LOCK_DURATION_MS,
        stalledInterval: env.WORKER_STALLED_INTERVAL_MS,
        maxStalledCount: env.WORKER_MAX_STALLED_COUNT,
        settings: { backoffStrategy },
      };
      // What the processors share: the jobs this process holds (handed back if a shutdown runs out of
      // time) and the bound on waits on infrastructure.
      const attemptDeps = { logger, metrics, held: new HeldJobs(), maxWaits: env.JOB_MAX_WAITS };
      const keyJobWorker = new Worker(
        KEY_JOBS_QUEUE,
        keyJobProcessor({
          pool,
          keyring,
          exportKey: rotatingExportKey(),
          clientFor: (c) => clients.for(c),
          actor,
          ...attemptDeps,
        }),
        { ...workerOptions, concurrency: env.WORKER_CONCURRENCY },
      );
      const syncWorker = new Worker(SYNC_JOBS_QUEUE, syncProcessor({ db, clients, ...attemptDeps }), {
        ...workerOptions,
        concurrency: Math.max(1, Math.min(4, env.WORKER_CONCURRENCY)),
      });
      for (const worker of [keyJobWorker, syncWorker]) {
        worker.on("error", (error) => logger.error({ err: error, queue: worker.name }, "worker error"));
      }
      watchFinalFailures({ pool, worker: keyJobWorker, actor, logger });
      // Closed first: jobs in flight finish; those still running near SHUTDOWN_TIMEOUT_MS are handed
      // back to the queue (DrainTimeoutError: the process then exits 1).
      closer.add("workers (drain)", () =>
        drainOrHandBack({
          workers: [keyJobWorker, syncWorker],
          held: attemptDeps.held,
          withinMs: handBackAfterMs(env.SHUTDOWN_TIMEOUT_MS),
          logger,
        }),
      );
    };

    return { env, logger, start, close: () => closer.close() };
  });
}
