import type { Keyring } from "@cckm/crypto";
import type { Db } from "@cckm/db";
import type { ReadinessProbe } from "@cckm/health";
import type { Logger } from "@cckm/log";
import type { Redis } from "ioredis";

export interface ApiConfig {
  jwtSecret: string;
  refreshTokenTtlSeconds: number;
  redisPrefix: string;
  loginMaxFailures: number;
  loginMaxFailuresPerAddress: number;
  loginFailureWindowSeconds: number;
}

/** Everything a handler may use; built once in main.ts (or a test) and passed down explicitly. */
export interface AppDeps {
  db: Db;
  redis: Redis;
  logger: Logger;
  readiness: ReadinessProbe;
  /** Seals and opens stored secrets and backups (BACKUP_KEK and its predecessors). */
  keyring: Keyring;
  config: ApiConfig;
}
