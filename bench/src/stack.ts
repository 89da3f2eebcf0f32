import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { migrate } from "@cckm/db";
import { httpRequest } from "@cckm/sap-kms-client";
import { freePort, spawnTs, type TestProcess } from "@cckm/testkit";
import pg from "pg";

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
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
  startWorker(concurrency: number): Promise<void>;
  stopWorkers(): Promise<void>;
  rssMb(worker: TestProcess): number;
  stop(): Promise<void>;
}

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function waitFor(url: string, proc: TestProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (proc.child.exitCode !== null) throw new Error(`exited:\n${proc.output()}`);
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not ready: ${url}\n${proc.output()}`);
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

/** API, simulator and workers as real processes over a database and a Redis prefix of the run's own. */
export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const entry = (app: string) => (options.bundled ? `apps/${app}/dist/main.mjs` : `apps/${app}/src/main.ts`);
  const name = `cckm_bench_${Date.now().toString(36)}`;
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  const database = options.database ?? {
    url: u.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
  if (!options.database) await admin(`CREATE DATABASE "${name}"`);
  const databaseUrl = database.url;
  await migrate({ connectionString: databaseUrl });
  const appDatabaseUrl = new URL(databaseUrl);
  if (options.appDatabasePort !== undefined) appDatabaseUrl.port = String(options.appDatabasePort);
  const redisUrl = options.redisUrl ?? REDIS_URL;
  const prefix = `{cckmbench-${randomBytes(3).toString("hex")}}`;
  const quiet = { LOG_LEVEL: "warn" };
  const nodeArgs = options.nodeArgs ?? [];
  const sap = spawnTs(
    entry("sap-kms"),
    {
      ...quiet,
      LOG_LEVEL: "info",
      SAP_KMS_PORT: "0",
      SAP_KMS_DEMO_API_KEY: SAP_KEY,
      SAP_KMS_DEMO_SECRET: SAP_SECRET,
      SAP_KMS_ADMIN_TOKEN: SAP_ADMIN,
      ...options.sapEnv,
    },
    [],
    nodeArgs,
  );
  const line = await sap.waitForOutput(/sap-kms listening on /, 60_000).catch(async (error: unknown) => {
    await sap.stop();
    throw error;
  });
  const sapUrl = /listening on (http:\/\/[^\s"]+)/.exec(line)?.[1] as string;
  const env = {
    ...quiet,
    DATABASE_URL: appDatabaseUrl.toString(),
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    ADMIN_PASSWORD,
    JWT_SECRET: randomBytes(24).toString("hex"),
    BACKUP_KEK: randomBytes(32).toString("base64"),
    SAP_KMS_TIMEOUT_MS: "30000",
    // The simulator listens on 127.0.0.1: the bench stack opts in to private endpoints.
    SAP_KMS_ALLOW_PRIVATE_ENDPOINTS: "true",
    ...options.env,
  };
  const port = await freePort();
  const api = spawnTs(entry("api"), { ...env, PORT: String(port) }, [], nodeArgs);
  const apiUrl = `http://127.0.0.1:${port}`;
  await waitFor(`${apiUrl}/readyz`, api).catch(async (error: unknown) => {
    await Promise.all([api.stop(), sap.stop()]);
    throw error;
  });
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
    api,
    sap,
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
    async startWorker(concurrency) {
      const healthPort = await freePort();
      const proc = spawnTs(
        entry("worker"),
        {
          ...env,
          WORKER_CONCURRENCY: String(concurrency),
          WORKER_HEALTH_PORT: String(healthPort),
        },
        [],
        nodeArgs,
      );
      try {
        await waitFor(`http://127.0.0.1:${healthPort}/readyz`, proc);
      } catch (error) {
        await proc.stop("SIGKILL");
        throw error;
      }
      workers.push({ process: proc, healthPort });
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
      await Promise.all([api.stop(), sap.stop(), ...workers.map((w) => w.process.stop())]);
      const { deleteRedisPrefix } = await import("@cckm/testkit");
      await deleteRedisPrefix(prefix, redisUrl);
      await database.drop();
    },
  };
  return stack;
}
