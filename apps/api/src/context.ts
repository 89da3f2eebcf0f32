import type { Keyring } from "@cckm/crypto";
import type { Db, Pool } from "@cckm/db";
import type { ReadinessProbe } from "@cckm/health";
import type { AwsClients, OciClients, SapClients } from "@cckm/inventory";
import type { JobEventHub, KindQueues, Submit } from "@cckm/jobs";
import type { Logger } from "@cckm/log";
import type { Metrics } from "@cckm/metrics";
import type { RedisClient } from "@cckm/queue";

export interface ApiConfig {
  jwtSecret: string;
  refreshTokenTtlSeconds: number;
  /** How long an access token lives (ACCESS_TOKEN_TTL_SECONDS; 300 s when absent). */
  accessTokenTtlSeconds?: number;
  redisPrefix: string;
  loginMaxFailures: number;
  loginMaxFailuresPerAddress: number;
  loginFailureWindowSeconds: number;
  /** How long `POST …/keys/{id}/delete` and `DELETE …/keys/{id}` wait for their job (default KEY_JOB_WAIT_MS). */
  keyJobWaitMs?: number;
}

/** Everything a handler may use; built once in main.ts (or a test) and passed down explicitly. */
export interface AppDeps {
  db: Db;
  /** The pool under `db`: the hot paths (job submission, sessions, audit) speak SQL through it. */
  pool: Pool;
  redis: RedisClient;
  logger: Logger;
  readiness: ReadinessProbe;
  /** Seals and opens stored secrets and backups (BACKUP_KEK and its predecessors). */
  keyring: Keyring;
  /** SAP KMS clients per connection. */
  sapClients: SapClients;
  /** AWS KMS clients per connection and region (issue 15). */
  awsClients: AwsClients;
  /** OCI KMS clients per connection (issue 16). */
  ociClients: OciClients;
  /** The producer queue of every registered job kind (`queues.of(kind)`; ids only). */
  queues: KindQueues;
  metrics: Metrics;
  /** Records a key job PENDING: the submits that arrive together share one statement (createSubmitGroup). */
  submitJob: Submit;
  /** Live job events: one LISTEN connection, opened by the first watcher, fanned out in process. */
  jobEvents: JobEventHub;
  config: ApiConfig;
}
