import { loadEnvOrExit } from "@cckm/config";
import { createReadinessProbe, exitOnSignal, startHealthServer } from "@cckm/health";
import { createLogger } from "@cckm/log";

// The BullMQ workers for `sap-key-jobs` and the reconciler arrive with the jobs issue; until
// then the worker process runs, reports its readiness and stops cleanly.
const env = loadEnvOrExit(process.env, "worker");
const logger = createLogger("worker", env.LOG_LEVEL);

const readiness = await createReadinessProbe({ databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL });
const health = await startHealthServer({ port: env.WORKER_HEALTH_PORT, host: env.HOST, probe: readiness }).catch(
  (error: unknown) => {
    logger.fatal({ err: error }, `cannot listen on ${env.HOST}:${env.WORKER_HEALTH_PORT}`);
    process.exit(1);
  },
);
logger.info({ port: health.port }, `worker health on http://${env.HOST}:${health.port}`);

exitOnSignal({
  timeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  log: (m) => logger.info(m),
  stop: async () => {
    await health.close();
    await readiness.close();
  },
});
