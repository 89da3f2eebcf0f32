import { loadEnvOrExit } from "@cckm/config";
import { createKeyring } from "@cckm/crypto";
import { createPrismaClient } from "@cckm/db";
import { createReadinessProbe, exitOnSignal, startHealthServer } from "@cckm/health";
import { SapClients } from "@cckm/inventory";
import { createLogger } from "@cckm/log";
import { backoffStrategy, createWorkerConnection, SYNC_JOBS_QUEUE } from "@cckm/queue";
import { Worker } from "bullmq";
import { syncProcessor } from "./processors/sync-processor.ts";

const env = loadEnvOrExit(process.env, "worker");
const logger = createLogger("worker", env.LOG_LEVEL);

const db = createPrismaClient(env.DATABASE_URL, { applicationName: "cckm-worker", max: env.WORKER_CONCURRENCY + 2 });
const keyring = createKeyring({ id: env.BACKUP_KEK_ID, base64: env.BACKUP_KEK }, env.BACKUP_KEK_PREVIOUS);
const clients = new SapClients(keyring, {
  timeoutMs: env.SAP_KMS_TIMEOUT_MS,
  logger: logger.child({ component: "sap-kms-client" }),
});
const connection = createWorkerConnection(env.REDIS_URL, "cckm-worker");
connection.on("error", (error) => logger.warn({ err: error }, "redis connection error"));

const syncWorker = new Worker(SYNC_JOBS_QUEUE, syncProcessor({ db, clients, logger }), {
  connection,
  prefix: env.REDIS_PREFIX,
  concurrency: Math.max(1, Math.min(4, env.WORKER_CONCURRENCY)),
  settings: { backoffStrategy },
});
syncWorker.on("error", (error) => logger.error({ err: error }, "sync worker error"));

const readiness = await createReadinessProbe({ databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL });
const health = await startHealthServer({ port: env.WORKER_HEALTH_PORT, host: env.HOST, probe: readiness }).catch(
  (error: unknown) => {
    logger.fatal({ err: error }, `cannot listen on ${env.HOST}:${env.WORKER_HEALTH_PORT}`);
    process.exit(1);
  },
);
logger.info({ port: health.port, queues: [SYNC_JOBS_QUEUE] }, `worker health on http://${env.HOST}:${health.port}`);

exitOnSignal({
  timeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  log: (m) => logger.info(m),
  stop: async () => {
    await syncWorker.close(); // lets in-flight jobs finish
    await health.close();
    await readiness.close();
    connection.disconnect();
    await db.$disconnect();
  },
});
