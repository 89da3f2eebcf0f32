import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { hashPassword } from "@cckm/auth";
import { createKeyring, type Keyring } from "@cckm/crypto";
import { createPool, createPrismaClient, type Db, type DbOptions } from "@cckm/db";
import { createReadinessProbe } from "@cckm/health";
import { SapClients } from "@cckm/inventory";
import { createLogger } from "@cckm/log";
import { createMetrics } from "@cckm/metrics";
import {
  createProducerConnection,
  createQueue,
  DEFAULT_QUEUE_SETTINGS,
  KEY_JOBS_QUEUE,
  SYNC_JOBS_QUEUE,
} from "@cckm/queue";
import { createTestDatabase, deleteRedisPrefix, type TestDatabase, testRedisPrefix, testRedisUrl } from "@cckm/testkit";
import type { Redis } from "ioredis";
import { createApp } from "../app.ts";
import type { ApiConfig } from "../context.ts";

export const TEST_JWT_SECRET = "test-only-jwt-secret-0123456789abcdefghij";

export interface TestApi {
  url: string;
  db: Db;
  redis: Redis;
  database: TestDatabase;
  keyring: Keyring;
  config: ApiConfig;
  /** Creates a user straight in the database (password hashing included). */
  createUser(username: string, password: string, groups: string[]): Promise<{ id: string }>;
  /** Signs in with the password grant and returns the token response. */
  login(username: string, password: string): Promise<TokenResponse>;
  request(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  close(): Promise<void>;
}

export interface TokenResponse {
  jwt: string;
  duration: number;
  token_type: string;
  client_id: string;
  refresh_token: string;
  refresh_token_id: string;
  refresh_token_expires_in: number;
}

export interface TestApiOptions {
  /** Reach Postgres on this port of 127.0.0.1 (e.g. a TcpProxy's) instead of the server's own. */
  postgresPort?: number;
  /** Reach Redis on this port of 127.0.0.1 instead of the test Redis's own. */
  redisPort?: number;
  /** The API pool's settings (timeouts), besides its size. */
  pool?: Omit<DbOptions, "max">;
  /** SAP_KMS_ALLOW_PRIVATE_ENDPOINTS; default true: tests reach the simulator on 127.0.0.1. */
  allowPrivateEndpoints?: boolean;
}

function onPort(url: string, port: number | undefined): string {
  if (port === undefined) return url;
  const moved = new URL(url);
  moved.hostname = "127.0.0.1";
  moved.port = String(port);
  return moved.toString();
}

/** The API in this process on a free port, over a database and a Redis prefix of its own. */
export async function startTestApi(overrides: Partial<ApiConfig> = {}, options: TestApiOptions = {}): Promise<TestApi> {
  const database = await createTestDatabase();
  const databaseUrl = onPort(database.url, options.postgresPort);
  const redisUrl = onPort(testRedisUrl(), options.redisPort);
  const pool = createPool(databaseUrl, { ...options.pool, max: 5 });
  const db = createPrismaClient(pool);
  const redis = createProducerConnection(redisUrl, "cckm-api-test");
  redis.on("error", () => {}); // a test may cut Redis: the API's requests report it
  const prefix = testRedisPrefix();
  const readiness = await createReadinessProbe({ databaseUrl, redisUrl });
  const config: ApiConfig = {
    jwtSecret: TEST_JWT_SECRET,
    refreshTokenTtlSeconds: 3600,
    redisPrefix: prefix,
    loginMaxFailures: 5,
    loginMaxFailuresPerAddress: 1_000_000,
    loginFailureWindowSeconds: 600,
    ...overrides,
  };
  const keyring = createKeyring({ id: "kek-test", base64: randomBytes(32).toString("base64") });
  const sapClients = new SapClients(keyring, {
    timeoutMs: 5000,
    allowPrivateEndpoints: options.allowPrivateEndpoints ?? true,
  });
  const queues = {
    sync: createQueue(SYNC_JOBS_QUEUE, redis, { prefix, ...DEFAULT_QUEUE_SETTINGS }, () => {}),
    keyJobs: createQueue(KEY_JOBS_QUEUE, redis, { prefix, ...DEFAULT_QUEUE_SETTINGS }, () => {}),
  };
  const app = createApp({
    db,
    pool,
    redis,
    logger: createLogger("api-test", "silent"),
    readiness,
    keyring,
    sapClients,
    queues,
    metrics: createMetrics("api-test", Object.values(queues)),
    config,
  });
  const server: Server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const request: TestApi["request"] = (method, path, options = {}) =>
    fetch(`${url}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined
        ? { body: typeof options.body === "string" ? options.body : JSON.stringify(options.body) }
        : {}),
    });

  return {
    url,
    db,
    redis,
    database,
    keyring,
    config,
    async createUser(username, password, groups) {
      return db.user.create({
        data: { username, passwordHash: await hashPassword(password), groups },
        select: { id: true },
      });
    },
    async login(username, password) {
      const res = await request("POST", "/api/v1/auth/tokens", {
        body: { grant_type: "password", username, password },
      });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      return (await res.json()) as TokenResponse;
    },
    request,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await readiness.close();
      await Promise.all([queues.sync.close(), queues.keyJobs.close()]);
      redis.disconnect();
      await db.$disconnect();
      await pool.end();
      await deleteRedisPrefix(prefix);
      await database.drop();
    },
  };
}
