import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeInOrder } from "@cckm/config";
import { redisTargetOf } from "@cckm/queue";
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

export { waitFor } from "./wait-for.ts";

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
  /** A Redis Cluster instead (REDIS_CLUSTER_NODES for every app, e.g. testkit's startRedisCluster().nodesEnv). */
  redisClusterNodes?: string;
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
  const clusterNodes = options.redisClusterNodes?.split(",");
  // With a cluster the apps read REDIS_CLUSTER_NODES; REDIS_URL (the launcher sets it) names one of its nodes.
  const redisUrl = clusterNodes?.[0] ?? options.redisUrl ?? testRedisUrl();
  const redisTarget = redisTargetOf({ REDIS_URL: redisUrl, REDIS_CLUSTER_NODES: clusterNodes });
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
    ...(options.redisClusterNodes ? { REDIS_CLUSTER_NODES: options.redisClusterNodes } : {}),
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
      { name: "redis prefix", close: async () => void (await deleteRedisPrefix(redisPrefix, redisTarget)) },
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
  const call = apiCaller(apiUrl);

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

/**
 * Calls an API process as the admin (signs in on first use). Any API of a deployment takes a token
 * another one issued: they share the JWT secret and Postgres, nothing else.
 */
export function apiCaller(apiUrl: string, password = ADMIN_PASSWORD): TestStack["call"] {
  let signingIn: Promise<string> | undefined;
  const signIn = async () => {
    const res = await fetch(`${apiUrl}/api/v1/auth/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "password", username: "admin", password }),
    });
    if (res.status !== 200) throw new Error(`sign-in on ${apiUrl}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { jwt: string }).jwt;
  };
  return async (method, path, body) => {
    // One sign-in however many calls start at once; a failed one is tried again by the next call.
    signingIn ??= signIn().catch((error: unknown) => {
      signingIn = undefined;
      throw error;
    });
    const token = await signingIn;
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
}
