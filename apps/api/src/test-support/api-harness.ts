import { randomBytes } from "node:crypto";
import { hashPassword } from "@cckm/auth";
import { apiEnvSchema, loadEnv } from "@cckm/config";
import type { Keyring } from "@cckm/crypto";
import type { Db, DbOptions } from "@cckm/db";
import { createLogger } from "@cckm/log";
import type { RedisClient } from "@cckm/queue";
import { createTestDatabase, deleteRedisPrefix, type TestDatabase, testRedisPrefix, testRedisUrl } from "@cckm/testkit";
import type { ApiConfig, AppDeps } from "../context.ts";
import { createApiRuntime } from "../runtime.ts";

export const TEST_JWT_SECRET = "test-only-jwt-secret-0123456789abcdefghij";

export interface TestApi {
  url: string;
  db: Db;
  redis: RedisClient;
  database: TestDatabase;
  keyring: Keyring;
  config: ApiConfig;
  /** The API's own queues, made by createApiRuntime as in production. */
  queues: AppDeps["queues"];
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
  /** SAP_, AWS_ and OCI_KMS_ALLOW_PRIVATE_ENDPOINTS; default true: tests reach the simulator on 127.0.0.1. */
  allowPrivateEndpoints?: boolean;
}

function onPort(url: string, port: number | undefined): string {
  if (port === undefined) return url;
  const moved = new URL(url);
  moved.hostname = "127.0.0.1";
  moved.port = String(port);
  return moved.toString();
}

/** The environment a test API runs with: production's schema and defaults, test secrets and addresses. */
export function testApiEnv(vars: {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  allowPrivateEndpoints: boolean;
}) {
  return loadEnv(
    {
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      DATABASE_URL: vars.databaseUrl,
      REDIS_URL: vars.redisUrl,
      REDIS_PREFIX: vars.prefix,
      HOST: "127.0.0.1",
      PORT: "0",
      JWT_SECRET: TEST_JWT_SECRET,
      BACKUP_KEK: randomBytes(32).toString("base64"),
      BACKUP_KEK_ID: "kek-test",
      REFRESH_TOKEN_TTL_SECONDS: "3600",
      LOGIN_MAX_FAILURES: "5",
      LOGIN_FAILURE_WINDOW_SECONDS: "600",
      SAP_KMS_TIMEOUT_MS: "5000",
      SAP_KMS_ALLOW_PRIVATE_ENDPOINTS: String(vars.allowPrivateEndpoints),
      AWS_KMS_TIMEOUT_MS: "5000",
      AWS_KMS_ALLOW_PRIVATE_ENDPOINTS: String(vars.allowPrivateEndpoints),
      OCI_KMS_TIMEOUT_MS: "5000",
      OCI_KMS_ALLOW_PRIVATE_ENDPOINTS: String(vars.allowPrivateEndpoints),
    },
    apiEnvSchema,
  );
}

/**
 * The API in this process on a free port, over a database and a Redis prefix of its own: built by
 * createApiRuntime, as main.ts builds it (the same queues, pool and clients), from a test environment.
 */
export async function startTestApi(overrides: Partial<ApiConfig> = {}, options: TestApiOptions = {}): Promise<TestApi> {
  const database = await createTestDatabase();
  const prefix = testRedisPrefix();
  const env = testApiEnv({
    databaseUrl: onPort(database.url, options.postgresPort),
    redisUrl: onPort(testRedisUrl(), options.redisPort),
    prefix,
    allowPrivateEndpoints: options.allowPrivateEndpoints ?? true,
  });
  const runtime = await createApiRuntime(env, {
    logger: createLogger("api-test", "silent"),
    pool: { ...options.pool, max: 5 },
    // Beyond the environment's bound (100,000): a test's sign-ins all come from one address.
    config: { loginMaxFailuresPerAddress: 1_000_000, ...overrides },
  }).catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  const { db, redis, keyring, config, queues } = runtime.deps;
  const servers = await runtime.listen();
  const url = servers.urls[0] as string;

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
    queues,
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
      await runtime.close();
      await deleteRedisPrefix(prefix);
      await database.drop();
    },
  };
}
