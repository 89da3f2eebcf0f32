import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createTestDatabase,
  deleteRedisPrefix,
  freePort,
  spawnTs,
  type TestDatabase,
  type TestProcess,
  testRedisPrefix,
  testRedisUrl,
} from "@cckm/testkit";
import { ensureTlsFiles } from "../../apps/stack/src/tls-files.ts";
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

async function waitReady(url: string, proc: TestProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`process exited before it was ready:\n${proc.output()}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`not ready at ${url}:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
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

export async function startStack(options: StackOptions = {}): Promise<TestStack> {
  const db = await createTestDatabase();
  const sap = await startSapKms({ env: options.sapEnv ?? {} });
  const redisPrefix = testRedisPrefix();
  const env: Record<string, string> = {
    NODE_ENV: "test",
    LOG_LEVEL: "info",
    DATABASE_URL: db.url,
    REDIS_URL: options.redisUrl ?? testRedisUrl(),
    REDIS_PREFIX: redisPrefix,
    HOST: "127.0.0.1",
    ADMIN_PASSWORD,
    JWT_SECRET: randomBytes(24).toString("hex"),
    BACKUP_KEK: randomBytes(32).toString("base64"),
    BACKUP_KEK_ID: "kek-test",
    SAP_KMS_URL: sap.url,
    SAP_KMS_TIMEOUT_MS: "5000",
    // The simulator listens on 127.0.0.1: the test stack opts in to private endpoints.
    SAP_KMS_ALLOW_PRIVATE_ENDPOINTS: "true",
    ...options.env,
  };
  const tlsDir = options.https ? await mkdtemp(join(tmpdir(), "cckm-tls-")) : undefined;
  const tls = tlsDir ? await ensureTlsFiles(tlsDir, "127.0.0.1") : undefined;
  const tlsPort = tls ? await freePort() : undefined;
  const tlsEnv = tls
    ? { TLS_CERT_FILE: tls.certFile, TLS_KEY_FILE: tls.keyFile, TLS_PORT: String(tlsPort) }
    : ({} as Record<string, string>);
  const port = await freePort();
  const api = spawnTs("apps/api/src/main.ts", { ...env, ...tlsEnv, PORT: String(port) });
  const apiUrl = `http://127.0.0.1:${port}`;
  const workers: TestProcess[] = [];
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
    const healthPort = await freePort();
    const worker = spawnTs("apps/worker/src/main.ts", {
      ...env,
      ...options.workerEnv,
      ...extraEnv,
      WORKER_HEALTH_PORT: String(healthPort),
    });
    workers.push(worker);
    await waitReady(`http://127.0.0.1:${healthPort}/readyz`, worker);
    return worker;
  };

  await waitReady(`${apiUrl}/readyz`, api);
  await startWorker();
  return {
    db,
    sap,
    api,
    workers,
    apiUrl,
    ...(tls ? { https: { url: `https://127.0.0.1:${tlsPort}`, ca: await readFile(tls.certFile, "utf8") } } : {}),
    redisPrefix,
    env,
    call,
    startWorker,
    sapCredentials: { api_key: TEST_API_KEY, secret: TEST_SECRET },
    async stop() {
      await Promise.all([api.stop(), ...workers.map((w) => w.stop()), sap.stop()]);
      await deleteRedisPrefix(redisPrefix, env.REDIS_URL);
      await db.drop();
      if (tlsDir) await rm(tlsDir, { recursive: true, force: true });
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
