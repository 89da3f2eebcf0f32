import { z } from "zod";

// The shared parts every process's schema is composed of (see schemas.ts). A part names the
// variables of one concern; a process takes the parts it reads, and validates nothing else.

/** Values that only make sense on a developer's machine; production refuses to start on them. */
export const DEV_DEFAULTS = {
  JWT_SECRET: "dev-only-jwt-secret-change-me-0123456789abcdef",
  // 32 bytes of base64: "dev-only-backup-kek-change-me!!!"
  BACKUP_KEK: "ZGV2LW9ubHktYmFja3VwLWtlay1jaGFuZ2UtbWUhISE=",
  ADMIN_PASSWORD: "admin",
} as const;

export const SECRET_NAMES = ["JWT_SECRET", "BACKUP_KEK", "ADMIN_PASSWORD"] as const;

export const port = z.coerce.number().int().min(0).max(65535);

const base64Key32 = z
  .string()
  .refine((v) => Buffer.from(v, "base64").length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(v), {
    message: "must be 32 bytes encoded as base64 (e.g. `openssl rand -base64 32`)",
  });

export const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL with protocol ${protocols.join(" or ")}` },
  );

/** Every process: how it runs, logs and stops. */
export const processPart = {
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
};

/** The address a process listens on (API, worker health, simulators). */
export const hostPart = {
  HOST: z.string().min(1).default("127.0.0.1"),
};

export const databasePart = {
  DATABASE_URL: url(["postgres:", "postgresql:"]).default("postgresql://postgres@127.0.0.1:5432/cckm"),
};

const redisUrl = url(["redis:", "rediss:"]);

export const redisPart = {
  REDIS_URL: redisUrl.default("redis://127.0.0.1:6379"),
  // Redis Cluster: its seed nodes as a comma list of redis:// (or rediss://) URLs; when set, REDIS_URL
  // is not used. One is enough, ioredis's Cluster client discovers the others; user and password come
  // from the first.
  REDIS_CLUSTER_NODES: z
    .string()
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    )
    .pipe(z.array(redisUrl).min(1, "must list at least one node URL"))
    .optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^\{[A-Za-z0-9_-]+\}$/, "must be a hash-tagged prefix such as {cckm}")
    .default("{cckm}"),
};

/** The key-encryption keys of backups and stored secrets. */
export const keyringPart = {
  BACKUP_KEK: base64Key32.default(DEV_DEFAULTS.BACKUP_KEK),
  BACKUP_KEK_ID: z.string().min(1).max(64).default("kek-1"),
  BACKUP_KEK_PREVIOUS: z
    .string()
    .regex(/^([^:,\s]+:[A-Za-z0-9+/]+={0,2})(,[^:,\s]+:[A-Za-z0-9+/]+={0,2})*$/, "must be id:base64[,id:base64...]")
    .optional(),
};

/** How the SAP KMS client reaches a tenant. */
export const sapClientPart = {
  SAP_KMS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  // Whether connection endpoints may be private addresses (loopback, RFC 1918, CGNAT, fc00::/7);
  // link-local and unspecified ones never are. Off by default: `npm start`, the tests and compose opt in.
  SAP_KMS_ALLOW_PRIVATE_ENDPOINTS: z.stringbool().default(false),
};

/**
 * How the AWS and OCI KMS clients reach their clouds: each cloud its own timeout and its own
 * private-address opt-in (the same policy as SAP's, decided per cloud: a deployment may reach a
 * private SAP tenant yet only AWS's public endpoints).
 */
export const awsClientPart = {
  AWS_KMS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  AWS_KMS_ALLOW_PRIVATE_ENDPOINTS: z.stringbool().default(false),
};

export const ociClientPart = {
  OCI_KMS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  OCI_KMS_ALLOW_PRIVATE_ENDPOINTS: z.stringbool().default(false),
};

/** Whoever enqueues (the API, the worker's reconciler) sets these on each queue job. */
export const enqueuePart = {
  JOB_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  JOB_BACKOFF_MS: z.coerce.number().int().min(10).max(600_000).default(1000),
};

/** The API's HTTP(S) listeners. */
export const httpPart = {
  PORT: port.default(3000),
  // HTTPS beside HTTP, as CipherTrust serves it: both files (PEM) or neither. `npm start` makes a
  // self-signed pair under its data dir when none is given.
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  TLS_PORT: port.default(3443),
  // Live job event streams (SSE) one API process serves at once; more are answered 503 (0: none, and
  // clients fall back to polling).
  JOB_EVENTS_MAX_WATCHERS: z.coerce.number().int().min(0).max(100_000).default(10_000),
  // Group submit: how long a key job's submit waits for others of this API process to share its
  // statement and commit. 0: one event-loop turn (they also join while one is in flight); tests widen it.
  SUBMIT_GROUP_WINDOW_MS: z.coerce.number().int().min(0).max(60_000).default(0),
};

/** The API's users, tokens and sign-in throttle, and how long its key routes wait for their job. */
export const authPart = {
  JWT_SECRET: z.string().min(32, "must be at least 32 characters").default(DEV_DEFAULTS.JWT_SECRET),
  ADMIN_PASSWORD: z.string().min(1).default(DEV_DEFAULTS.ADMIN_PASSWORD),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(31_536_000).default(86_400),
  // How long an access token (JWT) lives: CipherTrust's 300 s; tests shorten it to see clients renew.
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(50),
  LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  // How long `POST …/keys/{id}/delete` and `DELETE …/keys/{id}` wait for their job before answering 202 with it.
  KEY_JOB_WAIT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
};

/** The worker: its health port, its BullMQ workers and the reconciler. */
export const workerPart = {
  WORKER_HEALTH_PORT: port.default(3001),
  // Jobs one worker runs at once. A job mostly waits on SAP (three or four calls): 32 slots keep two
  // workers at ≥ 300 jobs/s with SAP at 50 ms per call, and each worker's pool (32 + 4) within
  // Postgres's default 100 connections with room for the API (docs/decisions.md, issue 18).
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(32),
  // Group commit: how long a delete's backup or completion commit waits for others of this worker to
  // share its statement. 0: one event-loop turn (they also join while one is in flight); tests widen it.
  GROUP_COMMIT_WINDOW_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  // Waits on infrastructure (Postgres away, SAP's 429) a queue job may make without spending an attempt.
  JOB_MAX_WAITS: z.coerce.number().int().min(0).max(1000).default(30),
  // BullMQ: how long a worker's claim on a queue job lasts without renewal, and how often stalled
  // (dead worker) jobs are looked for and handed to another worker.
  WORKER_LOCK_DURATION_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).max(600_000).default(15_000),
  WORKER_MAX_STALLED_COUNT: z.coerce.number().int().min(0).max(100).default(3),
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5000),
  /** A job younger than this is left to the API's own enqueue. */
  RECONCILE_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(5000),
  // The SAP tenant rate limit: requests per second to one connection's tenant, shared by every worker
  // (Redis); 0 turns it off. About 660 delete jobs/s at the default (three calls each): above every
  // throughput target of the bench, a cap on a runaway rather than a tenant's quota (set that per connection).
  SAP_KMS_RATE_LIMIT_PER_SECOND: z.coerce.number().int().min(0).max(100_000).default(2000),
};

/** The SAP KMS simulator (apps/sap-kms); its demo tenant's credentials are read by `npm start` too. */
export const sapKmsDemoPart = {
  SAP_KMS_DEMO_API_KEY: z.string().min(1).default("demo-technical-user"),
  SAP_KMS_DEMO_SECRET: z.string().min(1).default("demo-secret"),
};

export const sapKmsPart = {
  SAP_KMS_PORT: port.default(4040),
  ...sapKmsDemoPart,
  SAP_KMS_ADMIN_TOKEN: z.string().min(16).default("dev-only-sap-kms-admin-token"),
  SAP_KMS_SEED: z.coerce.number().int().min(0).default(1),
  SAP_KMS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
  SAP_KMS_STATE_FILE: z.string().min(1).optional(),
  SAP_KMS_FAULTS: z.string().min(1).optional(),
};

/**
 * Read by the launcher only (`npm start`, and the test setup's fallbacks): where it looks for
 * local servers, and what it starts when there are none.
 */
export const launcherPart = {
  STACK_DATA_DIR: z.string().min(1).optional(),
  STACK_LOCAL_POSTGRES_URL: url(["postgres:", "postgresql:"]).default("postgresql://postgres@127.0.0.1:5432/postgres"),
  STACK_LOCAL_REDIS_URL: url(["redis:", "rediss:"]).default("redis://127.0.0.1:6379"),
  STACK_EMBEDDED_POSTGRES_PORT: port.default(54329),
  STACK_REDIS_PORT: port.default(63790),
};

/** `npm start` only: a SAP KMS elsewhere, so it starts no simulator and makes no demo connection. */
export const stackPart = {
  SAP_KMS_URL: url(["http:", "https:"]).default("http://127.0.0.1:4040"),
};
