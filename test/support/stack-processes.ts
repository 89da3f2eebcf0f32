import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeInOrder } from "@cckm/config";
import {
  createTestDatabase,
  deleteRedisPrefix,
  freePort,
  repoRoot,
  spawnApp,
  type TestDatabase,
  type TestProcess,
  testRedisPrefix,
  testRedisUrl,
} from "@cckm/testkit";
import { ensureTlsFiles, type LaunchedStack, launchStack } from "../../apps/stack/src/index.ts";
import { type SapKmsProcess, startSapKms, TEST_API_KEY, TEST_SECRET } from "./sap-kms-process.ts";

export const ADMIN_PASSWORD = "stack-admin-password";

export interface TestStack {
  db: TestDatabase;
  sap: SapKmsProcess;
  api: TestProcess;
  workers: TestProcess[];
  apiUrl: string;
  /** With `https`: the API's HTTPS URL and the self-signed certificate to trust. */
  https?: { url: string; ca: string };
  redisPrefix: string;
  env: Record<string, string>;
  /** Calls the API as the admin (signs in once). */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  startWorker(extraEnv?: Record<string, string>): Promise<TestProcess>;
  /** The demo tenant's technical user, for a connection. */
  sapCredentials: { api_key: string; secret: string };
  stop(): Promise<void>;
}

/**
 * The whole pipeline as real processes: the simulator, the API and worker(s), over a database and a
 * Redis prefix of this test file's own.
 */
export interface StackOptions {
  /** For the simulator. */
  sapEnv?: Record<string, string>;
  /** For the API and every worker (e.g. JOB_ATTEMPTS, which the API sets on each queue job). */
  env?: Record<string, string>;
  /** For workers only. */
  workerEnv?: Record<string, string>;
  /** Another Redis than the shared test server (e.g. one a test may FLUSHALL). */
  redisUrl?: string;
  /** Serve HTTPS too, with a self-signed certificate made as `npm start` makes it. */
  https?: boolean;
}

/**
 * Through the launcher (`npm start`'s, apps/stack `launchStack`): the API and a first worker over the
 * file's database (a migrated clone) and Redis prefix, with the simulator this file started.
 */
export async function startStack(options: StackOptions = {}): Promise<TestStack> {
  const db = await createTestDatabase();
  const sap = await startSapKms({ env: options.sapEnv ?? {} });
  const redisPrefix = testRedisPrefix();
  const redisUrl = options.redisUrl ?? testRedisUrl();
  const appEnv: Record<string, string> = {
    NODE_ENV: "test",
    LOG_LEVEL: "info",
    REDIS_PREFIX: redisPrefix,
    HOST: "127.0.0.1",
    ADMIN_PASSWORD,
    JWT_SECRET: randomBytes(24).toString("hex"),
    BACKUP_KEK: randomBytes(32).toString("base64"),
    BACKUP_KEK_ID: "kek-test",
    SAP_KMS_TIMEOUT_MS: "5000",
    // The simulators listen on 127.0.0.1: the test stack opts in to private endpoints.
    SAP_KMS_ALLOW_PRIVATE_ENDPOINTS: "true",
    AWS_KMS_TIMEOUT_MS: "5000",
    AWS_KMS_ALLOW_PRIVATE_ENDPOINTS: "true",
    OCI_KMS_TIMEOUT_MS: "5000",
    OCI_KMS_ALLOW_PRIVATE_ENDPOINTS: "true",
    ...options.env,
  };
  const tlsDir = options.https ? await mkdtemp(join(tmpdir(), "cckm-tls-")) : undefined;
  const tls = tlsDir ? await ensureTlsFiles(tlsDir, "127.0.0.1") : undefined;
  const tlsPort = tls ? await freePort() : undefined;
  const tlsEnv = tls
    ? { TLS_CERT_FILE: tls.certFile, TLS_KEY_FILE: tls.keyFile, TLS_PORT: String(tlsPort) }
    : ({} as Record<string, string>);
  const cleanUp = () =>
    closeInOrder([
      { name: "simulator", close: async () => void (await sap.stop()) },
      { name: "redis prefix", close: async () => void (await deleteRedisPrefix(redisPrefix, redisUrl)) },
      { name: "database", close: () => db.drop() },
      { name: "tls files", close: () => (tlsDir ? rm(tlsDir, { recursive: true, force: true }) : undefined) },
    ]);
  let launched: LaunchedStack<TestProcess>;
  try {
    launched = await launchStack({
      root: repoRoot,
      infrastructure: { databaseUrl: db.url, redisUrl },
      migrate: false, // a clone of the run's migrated template
      host: "127.0.0.1",
      env: appEnv,
      sapKms: { url: sap.url },
      api: { port: await freePort(), env: tlsEnv },
      workers: [{ healthPort: await freePort(), ...(options.workerEnv ? { env: options.workerEnv } : {}) }],
      spawn: spawnApp,
    });
  } catch (error) {
    await cleanUp().catch(() => {});
    throw error;
  }
  const { apiUrl, env } = launched;
  const workers: TestProcess[] = launched.workers.map((w) => w.process);
  let token: string | undefined;

  const call: TestStack["call"] = async (method, path, body) => {
    if (!token) {
      const res = await fetch(`${apiUrl}/api/v1/auth/tokens`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ grant_type: "password", username: "admin", password: ADMIN_PASSWORD }),
      });
      token = ((await res.json()) as { jwt: string }).jwt;
    }
    const res = await fetch(`${apiUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };

  const startWorker = async (extraEnv: Record<string, string> = {}) => {
    const worker = await launched.startWorker(await freePort(), { ...options.workerEnv, ...extraEnv });
    workers.push(worker.process);
    return worker.process;
  };

  return {
    db,
    sap,
    api: launched.api,
    workers,
    apiUrl,
    ...(tls ? { https: { url: `https://127.0.0.1:${tlsPort}`, ca: await readFile(tls.certFile, "utf8") } } : {}),
    redisPrefix,
    env,
    call,
    startWorker,
    sapCredentials: { api_key: TEST_API_KEY, secret: TEST_SECRET },
    async stop() {
      await closeInOrder([
        { name: "stack", close: () => launched.stop() },
        { name: "the rest", close: cleanUp },
      ]);
    },
  };
}

/** Polls `read` until `done(value)`; the condition is the event (no fixed sleeps). */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
