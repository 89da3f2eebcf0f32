import { ensureAdminUser } from "@cckm/auth";
import { type ApiEnv, buildOrClose, createCloser } from "@cckm/config";
import { createKeyring } from "@cckm/crypto";
import { createPool, createPrismaClient, type DbOptions } from "@cckm/db";
import { createReadinessProbe } from "@cckm/health";
import { AwsClients, OciClients, SapClients } from "@cckm/inventory";
import { createKindQueues, createSubmitGroup, JOB_KINDS, JobEventHub } from "@cckm/jobs";
import { createLogger, type Logger } from "@cckm/log";
import { createMetrics, observeSapCall } from "@cckm/metrics";
import { createProducerConnection, redisTargetOf } from "@cckm/queue";
import type { Express } from "express";
import { createApp } from "./app.ts";
import type { ApiConfig, AppDeps } from "./context.ts";
import { type Listening, type ListenOptions, listen } from "./listen.ts";

/** What a caller may set that the environment does not say (tests: a silent logger, a small pool). */
export interface ApiRuntimeOptions {
  logger?: Logger;
  /** The pool's settings besides its application name (default: 10 connections, the db defaults). */
  pool?: Omit<DbOptions, "applicationName" | "onError">;
  /** Values beyond the environment's bounds (tests: throttles they never want to hit). */
  config?: Partial<ApiConfig>;
}

/** The API process: everything it holds, built from its environment, and closed in order. */
export interface ApiRuntime {
  env: ApiEnv;
  deps: AppDeps;
  app: Express;
  /** Creates the `admin` user from ADMIN_PASSWORD unless it exists (never a reset). */
  ensureAdminUser(): Promise<"created" | "exists">;
  /** Serves on HOST:PORT (and TLS_PORT with a certificate); `overrides` for tests (port 0). */
  listen(overrides?: Partial<ListenOptions>): Promise<Listening>;
  /** Stops serving, then closes the queues, Redis and Postgres: each step even when one fails. */
  close(): Promise<void>;
}

export function apiConfigOf(env: ApiEnv): ApiConfig {
  return {
    jwtSecret: env.JWT_SECRET,
    refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    redisPrefix: env.REDIS_PREFIX,
    loginMaxFailures: env.LOGIN_MAX_FAILURES,
    loginMaxFailuresPerAddress: env.LOGIN_MAX_FAILURES_PER_ADDRESS,
    loginFailureWindowSeconds: env.LOGIN_FAILURE_WINDOW_SECONDS,
    keyJobWaitMs: env.KEY_JOB_WAIT_MS,
  };
}

/** The one composition root of the API: main.ts and the tests' harness both build it here. */
export async function createApiRuntime(env: ApiEnv, options: ApiRuntimeOptions = {}): Promise<ApiRuntime> {
  const logger = options.logger ?? createLogger("api", env.LOG_LEVEL);
  const closer = createCloser();
  return buildOrClose(closer, async () => {
    const pool = createPool(env.DATABASE_URL, {
      ...options.pool,
      applicationName: "cckm-api",
      onError: ({ code, message }) =>
        logger.warn({ code, reason: message }, "idle Postgres connection lost; the pool opens a new one"),
    });
    closer.add("postgres pool", () => pool.end());
    const db = createPrismaClient(pool);
    closer.add("prisma", () => db.$disconnect());
    const redisTarget = redisTargetOf(env);
    const redis = createProducerConnection(redisTarget, "cckm-api");
    redis.on("error", (error) => logger.warn({ err: error }, "redis connection error"));
    closer.add("redis", () => redis.disconnect());
    const readiness = await createReadinessProbe({ databaseUrl: env.DATABASE_URL, redis: redisTarget });
    closer.add("readiness probe", () => readiness.close());
    const keyring = createKeyring({ id: env.BACKUP_KEK_ID, base64: env.BACKUP_KEK }, env.BACKUP_KEK_PREVIOUS);
    const settings = { prefix: env.REDIS_PREFIX, attempts: env.JOB_ATTEMPTS, backoffMs: env.JOB_BACKOFF_MS };
    const onQueueError = (error: Error) => logger.warn({ err: error }, "queue error");
    // Every registered kind's queue with the kind's attempts, as the engine makes them in the worker.
    const queues = createKindQueues(JOB_KINDS, redis, settings, onQueueError);
    closer.add("queues", () => queues.close());
    const metrics = createMetrics("api", [...queues.all]);
    const sapClients = new SapClients(keyring, {
      timeoutMs: env.SAP_KMS_TIMEOUT_MS,
      allowPrivateEndpoints: env.SAP_KMS_ALLOW_PRIVATE_ENDPOINTS,
      logger: logger.child({ component: "sap-kms-client" }),
      observe: (e) => observeSapCall(metrics, e),
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
    const jobEvents = new JobEventHub({
      connectionString: env.DATABASE_URL,
      maxWatchers: env.JOB_EVENTS_MAX_WATCHERS,
      onWarning: (what, error) => logger.warn({ err: error }, what),
    });
    closer.add("job events", () => jobEvents.close());
    const config = { ...apiConfigOf(env), ...options.config };
    const deps: AppDeps = {
      db,
      pool,
      redis,
      logger,
      readiness,
      keyring,
      sapClients,
      awsClients,
      ociClients,
      queues,
      metrics,
      submitJob: createSubmitGroup(pool, {
        windowMs: env.SUBMIT_GROUP_WINDOW_MS,
        onWaiting: (n) => metrics.submitsWaiting.set(n),
      }),
      jobEvents,
      config,
    };
    const app = createApp(deps);
    return {
      env,
      deps,
      app,
      ensureAdminUser: () => ensureAdminUser(db, env.ADMIN_PASSWORD),
      async listen(overrides = {}) {
        const tls =
          env.TLS_CERT_FILE && env.TLS_KEY_FILE
            ? { certFile: env.TLS_CERT_FILE, keyFile: env.TLS_KEY_FILE, port: env.TLS_PORT }
            : undefined;
        const servers = await listen(
          app,
          { host: env.HOST, port: env.PORT, ...(tls ? { tls } : {}), ...overrides },
          logger,
        );
        // Watch streams never end by themselves: the hub ends them first, then the servers can close.
        closer.add("http servers", async () => {
          await jobEvents.close();
          await servers.close();
        });
        return servers;
      },
      close: () => closer.close(),
    };
  });
}
