import { ensureAdminUser } from "@cckm/auth";
import { loadEnvOrExit, secretsAtDevDefault } from "@cckm/config";
import { createKeyring } from "@cckm/crypto";
import { createPool, createPrismaClient } from "@cckm/db";
import { createReadinessProbe, exitOnSignal } from "@cckm/health";
import { SapClients } from "@cckm/inventory";
import { createLogger } from "@cckm/log";
import { createMetrics, observeSapCall } from "@cckm/metrics";
import { createProducerConnection, createQueue, KEY_JOBS_QUEUE, SYNC_ATTEMPTS, SYNC_JOBS_QUEUE } from "@cckm/queue";
import { createApp } from "./app.ts";
import { listen } from "./listen.ts";

const env = loadEnvOrExit(process.env, "api");
const logger = createLogger("api", env.LOG_LEVEL);
const dev = secretsAtDevDefault(env);
if (dev.length > 0) logger.warn({ secrets: dev }, "running on dev default secrets; never do this in production");

const pool = createPool(env.DATABASE_URL, {
  applicationName: "cckm-api",
  onError: ({ code, message }) =>
    logger.warn({ code, reason: message }, "idle Postgres connection lost; the pool opens a new one"),
});
const db = createPrismaClient(pool);
const admin = await ensureAdminUser(db, env.ADMIN_PASSWORD);
logger.info({ outcome: admin }, admin === "created" ? "admin user created from ADMIN_PASSWORD" : "admin user exists");

const redis = createProducerConnection(env.REDIS_URL, "cckm-api");
redis.on("error", (error) => logger.warn({ err: error }, "redis connection error"));
const readiness = await createReadinessProbe({ databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL });
const keyring = createKeyring({ id: env.BACKUP_KEK_ID, base64: env.BACKUP_KEK }, env.BACKUP_KEK_PREVIOUS);
const queueSettings = { prefix: env.REDIS_PREFIX, attempts: env.JOB_ATTEMPTS, backoffMs: env.JOB_BACKOFF_MS };
const onQueueError = (error: Error) => logger.warn({ err: error }, "queue error");
const queues = {
  sync: createQueue(SYNC_JOBS_QUEUE, redis, { ...queueSettings, attempts: SYNC_ATTEMPTS }, onQueueError),
  keyJobs: createQueue(KEY_JOBS_QUEUE, redis, queueSettings, onQueueError),
};
const metrics = createMetrics("api", Object.values(queues));
const sapClients = new SapClients(keyring, {
  timeoutMs: env.SAP_KMS_TIMEOUT_MS,
  allowPrivateEndpoints: env.SAP_KMS_ALLOW_PRIVATE_ENDPOINTS,
  logger: logger.child({ component: "sap-kms-client" }),
  observe: (e) => observeSapCall(metrics, e),
});
const app = createApp({
  db,
  pool,
  redis,
  logger,
  readiness,
  keyring,
  sapClients,
  queues,
  metrics,
  config: {
    jwtSecret: env.JWT_SECRET,
    refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
    redisPrefix: env.REDIS_PREFIX,
    loginMaxFailures: env.LOGIN_MAX_FAILURES,
    loginMaxFailuresPerAddress: env.LOGIN_MAX_FAILURES_PER_ADDRESS,
    loginFailureWindowSeconds: env.LOGIN_FAILURE_WINDOW_SECONDS,
    keyJobWaitMs: env.KEY_JOB_WAIT_MS,
  },
});
const tls =
  env.TLS_CERT_FILE && env.TLS_KEY_FILE
    ? { certFile: env.TLS_CERT_FILE, keyFile: env.TLS_KEY_FILE, port: env.TLS_PORT }
    : undefined;
const servers = await listen(app, { host: env.HOST, port: env.PORT, ...(tls ? { tls } : {}) }, logger).catch(
  (error: unknown) => {
    logger.fatal({ code: (error as { code?: unknown }).code }, `cannot serve: ${(error as Error).message}`);
    process.exit(1);
  },
);

exitOnSignal({
  timeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  log: (m) => logger.info(m),
  stop: async () => {
    await servers.close();
    await readiness.close();
    await Promise.all(Object.values(queues).map((q) => q.close()));
    redis.disconnect();
    await db.$disconnect();
    await pool.end();
  },
});
