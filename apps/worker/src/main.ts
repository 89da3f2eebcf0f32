import { hostname } from "node:os";
import { loadEnvOrExit } from "@cckm/config";
import { createKeyring } from "@cckm/crypto";
import { createPool, createPrismaClient } from "@cckm/db";
import { checkRedisPolicy, createReadinessProbe, exitOnSignal, startHealthServer } from "@cckm/health";
import { SapClients } from "@cckm/inventory";
import { JOB_KINDS, rotatingExportKey, type SapKeyJobServices, type SapSyncServices, startEngine } from "@cckm/jobs";
import { createLogger } from "@cckm/log";
import { createMetrics, observeSapCall } from "@cckm/metrics";
import { createProducerConnection, createWorkerConnection } from "@cckm/queue";
import { drainOrHandBack, handBackAfterMs } from "./shutdown.ts";

const env = loadEnvOrExit(process.env, "worker");
const logger = createLogger("worker", env.LOG_LEVEL);
const actor = `worker:${hostname()}:${process.pid}`;

const pool = createPool(env.DATABASE_URL, {
  applicationName: "cckm-worker",
  max: env.WORKER_CONCURRENCY + 4,
  onError: ({ code, message }) =>
    logger.warn({ code, reason: message }, "idle Postgres connection lost; the pool opens a new one"),
});
const db = createPrismaClient(pool);
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
const policy = await checkRedisPolicy(connection);
for (const problem of policy.problems) logger.warn({ redis: "policy" }, problem);
if (policy.problems.length > 0 && env.NODE_ENV === "production") {
  logger.fatal("refusing to start in production on a Redis that may evict or forget jobs (see the warnings above)");
  process.exit(78);
}
const producer = createProducerConnection(env.REDIS_URL, "cckm-reconciler");
producer.on("error", (error) => logger.warn({ err: error }, "redis connection error (reconciler)"));
// The job engine: a BullMQ worker for every registered kind (JOB_KINDS) through one processor, the
// final-failure watchers and the reconciler.
const engine = startEngine({
  kinds: JOB_KINDS,
  services: {
    db,
    clients,
    keyring,
    exportKey: rotatingExportKey(),
    clientFor: (connection) => clients.for(connection),
  } satisfies SapKeyJobServices & SapSyncServices,
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

const readiness = await createReadinessProbe({ databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL });
const registry = metrics.registry;
const health = await startHealthServer({
  port: env.WORKER_HEALTH_PORT,
  host: env.HOST,
  probe: readiness,
  metrics: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
}).catch((error: unknown) => {
  logger.fatal({ err: error }, `cannot listen on ${env.HOST}:${env.WORKER_HEALTH_PORT}`);
  process.exit(1);
});
logger.info(
  { port: health.port, queues: JOB_KINDS.map((k) => k.queue), concurrency: env.WORKER_CONCURRENCY },
  `worker health on http://${env.HOST}:${health.port}`,
);

exitOnSignal({
  timeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  log: (m) => logger.info(m),
  stop: async () => {
    // Stop taking jobs and let the ones in flight finish; those still running near SHUTDOWN_TIMEOUT_MS
    // are handed back to the queue, and the process exits (1) at once.
    await drainOrHandBack({
      workers: engine.workers,
      held: engine.held,
      withinMs: handBackAfterMs(env.SHUTDOWN_TIMEOUT_MS),
      logger,
    });
    await engine.stop();
    await health.close();
    await readiness.close();
    producer.disconnect();
    connection.disconnect();
    await db.$disconnect();
    await pool.end();
  },
});
