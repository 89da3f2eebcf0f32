import { hostname } from "node:os";
import { buildOrClose, createCloser, type WorkerEnv } from "@cckm/config";
import { createKeyring } from "@cckm/crypto";
import { createPool, createPrismaClient } from "@cckm/db";
import { checkRedisPolicy, createReadinessProbe, startHealthServer } from "@cckm/health";
import { AwsClients, OciClients, SapClients } from "@cckm/inventory";
import {
  type AwsSyncServices,
  createGroupCommit,
  JOB_KINDS,
  type OciSyncServices,
  rotatingExportKey,
  type SapKeyJobServices,
  type SapSyncServices,
  startEngine,
} from "@cckm/jobs";
import { createLogger, type Logger } from "@cckm/log";
import { createMetrics, observeSapCall } from "@cckm/metrics";
import { createProducerConnection, createWorkerConnection, redisTargetOf } from "@cckm/queue";
import { drainOrHandBack, handBackAfterMs } from "./shutdown.ts";
import { TenantLimits } from "./tenant-limit/tenant-limit.ts";

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
      max: env.WORKER_CONCURRENCY + 5, // one connection per job slot, the group commit's, the reconciler's, …
      onError: ({ code, message }) =>
        logger.warn({ code, reason: message }, "idle Postgres connection lost; the pool opens a new one"),
    });
    closer.add("postgres pool", () => pool.end());
    const db = createPrismaClient(pool);
    closer.add("prisma", () => db.$disconnect());
    const keyring = createKeyring({ id: env.BACKUP_KEK_ID, base64: env.BACKUP_KEK }, env.BACKUP_KEK_PREVIOUS);
    const metrics = createMetrics("worker");
    const limitRedis = createProducerConnection(env.REDIS_URL, "cckm-tenant-limit");
    limitRedis.on("error", (error) => logger.warn({ err: error }, "redis connection error (tenant limit)"));
    closer.add("redis (tenant limit)", () => limitRedis.disconnect());
    const tenantLimits = new TenantLimits({
      redis: limitRedis,
      prefix: env.REDIS_PREFIX,
      log: (level, message, fields) => logger[level]({ component: "tenant-limit", ...fields }, message),
    });
    // Bounded: a worker started while Redis is away comes up (its health says so) and paces its
    // calls in memory until Redis is back.
    if (!(await tenantLimits.ready(5000)))
      logger.warn({}, "redis not ready: the tenant rate limit is per process for now");
    const clients = new SapClients(keyring, {
      timeoutMs: env.SAP_KMS_TIMEOUT_MS,
      allowPrivateEndpoints: env.SAP_KMS_ALLOW_PRIVATE_ENDPOINTS,
      logger: logger.child({ component: "sap-kms-client" }),
      observe: (e) => observeSapCall(metrics, e),
      throttleFor: (c) => tenantLimits.for(c.id, c.rateLimitPerSecond ?? env.SAP_KMS_RATE_LIMIT_PER_SECOND),
    });
    const awsClients = new AwsClients(keyring, {
      timeoutMs: env.AWS_KMS_TIMEOUT_MS,
      allowPrivateEndpoints: env.AWS_KMS_ALLOW_PRIVATE_ENDPOINTS,
      logger: logger.child({ component: "aws-kms-client" }),
    });
    closer.add("aws clients", () => awsClients.close());
    const ociClients = new OciClients(keyring, {
      timeoutMs: env.OCI_KMS_TIMEOUT_MS,
      allowPrivateEndpoints: env.OCI_KMS_ALLOW_PRIVATE_ENDPOINTS,
      logger: logger.child({ component: "oci-kms-client" }),
    });
    const redisTarget = redisTargetOf(env);
    const connection = createWorkerConnection(redisTarget, "cckm-worker");
    connection.on("error", (error) => logger.warn({ err: error }, "redis connection error"));
    closer.add("redis (workers)", () => connection.disconnect());
    const policy = await checkRedisPolicy(connection);
    for (const problem of policy.problems) logger.warn({ redis: "policy" }, problem);
    if (policy.problems.length > 0 && env.NODE_ENV === "production") throw new RedisPolicyRefusedError();

    const producer = createProducerConnection(redisTarget, "cckm-reconciler");
    producer.on("error", (error) => logger.warn({ err: error }, "redis connection error (reconciler)"));
    closer.add("redis (reconciler)", () => producer.disconnect());
    const readiness = await createReadinessProbe({ databaseUrl: env.DATABASE_URL, redis: redisTarget });
    closer.add("readiness probe", () => readiness.close());

    const start = async () => {
      // The job engine: a BullMQ worker for every registered kind (JOB_KINDS) through one processor,
      // the final-failure watchers and the reconciler.
      const engine = startEngine({
        kinds: JOB_KINDS,
        services: {
          db,
          clients,
          keyring,
          exportKey: rotatingExportKey(),
          commits: createGroupCommit(pool, { windowMs: env.GROUP_COMMIT_WINDOW_MS }),
          clientFor: (c) => clients.for(c),
          awsClients,
          ociClients,
        } satisfies SapKeyJobServices & SapSyncServices & AwsSyncServices & OciSyncServices,
        pool,
        databaseUrl: env.DATABASE_URL,
        connection,
        producer,
        prefix: env.REDIS_PREFIX,
        settings: { attempts: env.JOB_ATTEMPTS, backoffMs: env.JOB_BACKOFF_MS },
        worker: {
          concurrency: env.WORKER_CONCURRENCY,
          lockDuration: env.WORKER_LOCK_DURATION_MS,
          stalledInterval: env.WORKER_STALLED_INTERVAL_MS,
          maxStalledCount: env.WORKER_MAX_STALLED_COUNT,
        },
        maxWaits: env.JOB_MAX_WAITS,
        actor,
        logger,
        metrics,
        reconcile: { intervalMs: env.RECONCILE_INTERVAL_MS, graceMs: env.RECONCILE_GRACE_MS },
      });
      closer.add("engine (reconciler, queues)", () => engine.stop());
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
      // Closed first: jobs in flight finish; those still running near SHUTDOWN_TIMEOUT_MS are handed
      // back to the queue (DrainTimeoutError: the process then exits 1).
      closer.add("workers (drain)", () =>
        drainOrHandBack({
          workers: engine.workers,
          held: engine.held,
          withinMs: handBackAfterMs(env.SHUTDOWN_TIMEOUT_MS),
          logger,
        }),
      );
      logger.info(
        { port: health.port, queues: JOB_KINDS.map((k) => k.queue), concurrency: env.WORKER_CONCURRENCY },
        `worker health on http://${env.HOST}:${health.port}`,
      );
      return { healthPort: health.port };
    };

    return { env, logger, start, close: () => closer.close() };
  });
}
