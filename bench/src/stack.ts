import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { migrate } from "@cckm/db";
import { httpRequest } from "@cckm/sap-kms-client";
import { deleteRedisPrefix, freePort, repoRoot, spawnApp, type TestProcess } from "@cckm/testkit";
import pg from "pg";
import {
  type Infrastructure,
  type LaunchedStack,
  launchStack,
  resolveInfrastructure,
  runInfrastructureChoice,
} from "../../apps/stack/src/index.ts";

export const SAP_KEY = "bench-technical-user";
export const SAP_SECRET = "bench-secret-0123456789";
export const SAP_ADMIN = "bench-admin-token-0123456789";
const ADMIN_PASSWORD = "bench-admin-password";

export interface BenchStack {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  apiUrl: string;
  sapUrl: string;
  token: string;
  api: TestProcess;
  sap: TestProcess;
  workers: Array<{ process: TestProcess; healthPort: number }>;
  /** The environment of the API and the workers (the keyring included: keep it in this process). */
  env: Record<string, string>;
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** One more worker process; without a concurrency it runs with WORKER_CONCURRENCY's default, as a user's does. Extra environment e.g. SAP_KMS_RATE_LIMIT_PER_SECOND. */
  startWorker(concurrency?: number, env?: Record<string, string>): Promise<void>;
  stopWorkers(): Promise<void>;
  rssMb(worker: TestProcess): number;
  stop(): Promise<void>;
}

async function admin(adminUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * The bench's Postgres (a database `cckm_bench_*` of the run's own) and Redis, found as `npm start`
 * finds them (apps/stack's launcher): BENCH_DATABASE_URL (an admin connection) and BENCH_REDIS_URL
 * when set, else the local servers, else an embedded Postgres and a redis-server under `.data/bench`.
 */
async function benchInfrastructure(name: string): Promise<Infrastructure> {
  const dataDir = join(repoRoot, ".data", "bench");
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  const choice = runInfrastructureChoice(process.env, {
    variables: { database: "BENCH_DATABASE_URL", redis: "BENCH_REDIS_URL" },
    database: name,
    dataDir,
    ports: { postgres: await freePort(), redis: await freePort() },
  });
  return resolveInfrastructure(choice, (m) => process.stderr.write(`[bench] ${m}\n`));
}

/** Bundles the three apps as `npm run build` does (esbuild, a second or two). */
export function buildBundles(): void {
  for (const app of ["api", "worker", "sap-kms"]) {
    execFileSync(process.execPath, ["../../scripts/bundle.mjs", "src/main.ts", "dist/main.mjs"], {
      cwd: `apps/${app}`,
      stdio: "inherit",
    });
  }
}

export interface BenchStackOptions {
  /** Run the bundles of `npm run build` with plain node (as the containers do) rather than tsx. */
  bundled: boolean;
  /** Extra node flags for every process (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  /** A database the caller made (a test's own clone); else the stack creates and drops `cckm_bench_*`. */
  database?: { url: string; drop(): Promise<void> };
  /** Another Redis than BENCH_REDIS_URL (e.g. a redis-server the caller may flush or kill). */
  redisUrl?: string;
  /** The port the API and workers reach Postgres on, when not its own (e.g. a TCP proxy the caller cuts). */
  appDatabasePort?: number;
  /** Extra environment of the API and the workers, and of the simulator. */
  env?: Record<string, string>;
  sapEnv?: Record<string, string>;
}

/**
 * API, simulator and workers as real processes over a database and a Redis prefix of the run's own,
 * started by the launcher of `npm start` (apps/stack `launchStack`).
 */
export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const name = `cckm_bench_${Date.now().toString(36)}`;
  const own = options.database ? undefined : await benchInfrastructure(name);
  const database = options.database ?? {
    url: own?.postgres.url as string,
    drop: () => admin(own?.postgres.adminUrl as string, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
  const databaseUrl = database.url;
  const redisUrl = options.redisUrl ?? (own?.redis.url as string);
  const prefix = `{cckmbench-${randomBytes(3).toString("hex")}}`;
  // Each step even when the one before failed: the prefix, the database, then what the launcher started.
  const releaseAll = async () => {
    await deleteRedisPrefix(prefix, redisUrl).catch(() => 0);
    try {
      await database.drop();
    } finally {
      await own?.stop();
    }
  };
  let launched: LaunchedStack<TestProcess>;
  try {
    await migrate({ connectionString: databaseUrl });
    const appDatabaseUrl = new URL(databaseUrl);
    if (options.appDatabasePort !== undefined) appDatabaseUrl.port = String(options.appDatabasePort);
    launched = await launchStack({
      root: repoRoot,
      infrastructure: { databaseUrl: appDatabaseUrl.toString(), redisUrl },
      migrate: false,
      host: "127.0.0.1",
      bundled: options.bundled,
      nodeArgs: options.nodeArgs ?? [],
      spawn: spawnApp,
      readyTimeoutMs: 60_000,
      env: {
        LOG_LEVEL: "warn",
        REDIS_PREFIX: prefix,
        ADMIN_PASSWORD,
        JWT_SECRET: randomBytes(24).toString("hex"),
        BACKUP_KEK: randomBytes(32).toString("base64"),
        SAP_KMS_TIMEOUT_MS: "30000",
        // The simulator listens on 127.0.0.1: the bench stack opts in to private endpoints.
        SAP_KMS_ALLOW_PRIVATE_ENDPOINTS: "true",
        ...options.env,
      },
      sapKms: {
        port: await freePort(),
        env: {
          LOG_LEVEL: "info",
          SAP_KMS_DEMO_API_KEY: SAP_KEY,
          SAP_KMS_DEMO_SECRET: SAP_SECRET,
          SAP_KMS_ADMIN_TOKEN: SAP_ADMIN,
          ...options.sapEnv,
        },
      },
      api: { port: await freePort() },
    });
  } catch (error) {
    await releaseAll().catch(() => {});
    throw error;
  }
  const { apiUrl, sapKmsUrl: sapUrl } = launched;
  const env = launched.env;
  const signIn = async (grant: Record<string, string>) => {
    const answer = await fetch(`${apiUrl}/api/v1/auth/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(grant),
    });
    if (answer.status !== 200) return { status: answer.status };
    return { status: 200, ...((await answer.json()) as { jwt: string; refresh_token: string }) };
  };
  const first = await signIn({ grant_type: "password", username: "admin", password: ADMIN_PASSWORD });
  if (!("jwt" in first)) throw new Error("the bench could not sign in");
  let token = first.jwt;
  const workers: BenchStack["workers"] = [];
  const stack: BenchStack = {
    databaseUrl,
    redisUrl,
    prefix,
    apiUrl,
    sapUrl,
    get token() {
      return token;
    },
    api: launched.api,
    sap: launched.sapKms as TestProcess,
    workers,
    env,
    // node's http client with keep-alive: the load generator shares the two cores with the system it
    // measures, and fetch would cost it several times more CPU per request.
    async call(method, path, body) {
      const send = () =>
        httpRequest(new URL(`${apiUrl}/api/v1${path}`), {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body !== undefined ? { "content-type": "application/json" } : {}),
          },
          body: body !== undefined ? JSON.stringify(body) : undefined,
          timeoutMs: 120_000,
          maxBytes: 64 * 1024 * 1024,
        });
      let answer = await send();
      if (answer.status === 401) {
        // The jwt lives 300 s: a long run renews it with the refresh token (never the password again).
        const renewed = await signIn({ grant_type: "refresh_token", refresh_token: first.refresh_token });
        // A renewal the API could not serve (Postgres away: 503) is that answer, which the caller retries.
        if (!("jwt" in renewed)) return { status: renewed.status, body: null };
        token = renewed.jwt;
        answer = await send();
      }
      return { status: answer.status, body: answer.text ? JSON.parse(answer.text) : null };
    },
    async startWorker(concurrency, extra = {}) {
      const env: Record<string, string> = {
        ...(concurrency === undefined ? {} : { WORKER_CONCURRENCY: String(concurrency) }),
        ...extra,
      };
      const worker = await launched.startWorker(await freePort(), env);
      workers.push(worker);
    },
    async stopWorkers() {
      await Promise.all(workers.map((w) => w.process.stop()));
      workers.length = 0;
    },
    rssMb(worker) {
      const status = readFileSync(`/proc/${worker.child.pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    async stop() {
      await launched.stop();
      await releaseAll();
    },
  };
  return stack;
}
