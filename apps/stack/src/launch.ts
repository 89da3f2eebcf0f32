import type { ChildProcess } from "node:child_process";
import { closeInOrder } from "@cckm/config";
import { migrate } from "@cckm/db";
import { type Infrastructure, type InfrastructureChoice, resolveInfrastructure } from "@cckm/infrastructure";
import { startService, waitUntilReady } from "./children.ts";

export type AppName = "sap-kms" | "aws-kms" | "api" | "worker";

/** A process the launcher started: what it needs to wait for it and to stop it. */
export interface ServiceProcess {
  child: ChildProcess;
  exited: Promise<unknown>;
  stop(signal?: NodeJS.Signals): Promise<unknown>;
  /** What it printed, when captured (for the error of a start that failed). */
  output?(): string;
}

/** How an app is run: `npm start` inherits stdio; the tests and the bench capture the output. */
export type Spawner<P extends ServiceProcess = ServiceProcess> = (
  app: AppName,
  entry: string,
  env: Record<string, string>,
  nodeArgs: string[],
) => P;

export interface LaunchOptions<P extends ServiceProcess = ServiceProcess> {
  /** The repository root (entries are relative to it). */
  root: string;
  /** Postgres and Redis: given URLs (a test's database), or the launcher's choice (resolveInfrastructure). */
  infrastructure: { databaseUrl: string; redisUrl: string } | InfrastructureChoice;
  /** Apply the migrations before anything starts (default true; a test's clone is migrated already). */
  migrate?: boolean;
  host: string;
  /** The environment of every app (secrets, prefix, …); DATABASE_URL and REDIS_URL are set by the launcher. */
  env: Record<string, string>;
  /** Run the simulator on this port, or use one elsewhere (`url`: no simulator started). */
  sapKms: { port: number; env?: Record<string, string> } | { url: string };
  /** Also run the AWS KMS simulator on this port (issue 15; `npm start` does, tests start their own). */
  awsKms?: { port: number; env?: Record<string, string> };
  api: { port: number; env?: Record<string, string> };
  /** Workers started with the stack (more with startWorker); each with its health port. */
  workers?: Array<{ healthPort: number; env?: Record<string, string> }>;
  /** Sources with tsx (default) or the bundles of `npm run build` with plain node. */
  bundled?: boolean;
  nodeArgs?: string[];
  /** How each app is run (default: inheritingSpawner, as `npm start`). */
  spawn?: Spawner<P>;
  log?: (message: string) => void;
  readyTimeoutMs?: number;
}

export interface LaunchedWorker<P extends ServiceProcess = ServiceProcess> {
  process: P;
  healthPort: number;
}

export interface LaunchedStack<P extends ServiceProcess = ServiceProcess> {
  databaseUrl: string;
  redisUrl: string;
  /** Where Postgres and Redis came from (for the banner), when the launcher chose them. */
  infrastructure?: Infrastructure;
  sapKmsUrl: string;
  sapKms?: P;
  /** The AWS KMS simulator's URL, when the launcher started it. */
  awsKmsUrl?: string;
  apiUrl: string;
  api: P;
  workers: LaunchedWorker<P>[];
  /** The environment the apps run with (DATABASE_URL, REDIS_URL and SAP_KMS_URL included). */
  env: Record<string, string>;
  startWorker(healthPort: number, env?: Record<string, string>): Promise<LaunchedWorker<P>>;
  stopWorkers(): Promise<void>;
  /** Calls `onExit` when a service exits while the stack is not stopping. */
  onUnexpectedExit(onExit: (app: AppName, code: unknown) => void): void;
  /** Stops the services (all at once), then what the launcher started: each step even when one fails. */
  stop(): Promise<void>;
}

/** `npm start`'s way: the apps write to the launcher's stdout and stderr. */
export function inheritingSpawner(root: string): Spawner {
  return (app, entry, env, nodeArgs) => startService(root, { name: app, entry, env }, nodeArgs);
}

/**
 * The one launcher: `npm start`, the tests' stacks and the bench start Postgres, Redis, the
 * simulator, the API and the workers through it, and stop them the same way.
 */
export async function launchStack<P extends ServiceProcess = ServiceProcess>(
  options: LaunchOptions<P>,
): Promise<LaunchedStack<P>> {
  const log = options.log ?? (() => {});
  const spawn = options.spawn ?? (inheritingSpawner(options.root) as unknown as Spawner<P>);
  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  const entry = (app: AppName) => (options.bundled ? `apps/${app}/dist/main.mjs` : `apps/${app}/src/main.ts`);
  const given = "databaseUrl" in options.infrastructure ? options.infrastructure : undefined;
  const infrastructure = given
    ? undefined
    : await resolveInfrastructure(options.infrastructure as InfrastructureChoice, log);
  if (infrastructure) {
    log(`postgres: ${infrastructure.postgres.source}`);
    log(`redis: ${infrastructure.redis.source}`);
  }
  const databaseUrl = given?.databaseUrl ?? (infrastructure?.postgres.url as string);
  const redisUrl = given?.redisUrl ?? (infrastructure?.redis.url as string);
  const services: Array<{ app: AppName; process: P }> = [];
  const workers: LaunchedWorker<P>[] = [];
  const expected = new Set<ServiceProcess>();
  let onExit: ((app: AppName, code: unknown) => void) | undefined;
  const stopping = (procs: ServiceProcess[]) => {
    for (const p of procs) expected.add(p);
    return Promise.all(procs.map((p) => p.stop()));
  };
  const stop = () =>
    closeInOrder([
      { name: "services", close: async () => void (await stopping(services.map((s) => s.process))) },
      { name: "infrastructure", close: () => infrastructure?.stop() },
    ]);
  const run = async (app: AppName, env: Record<string, string>, readyUrl: string) => {
    const proc = spawn(app, entry(app), env, options.nodeArgs ?? []);
    services.push({ app, process: proc });
    void proc.exited.then((code) => {
      if (!expected.has(proc)) onExit?.(app, code);
    });
    await waitUntilReady({ name: app, child: proc.child, readyUrl }, timeoutMs).catch((error: Error) => {
      throw proc.output ? new Error(`${error.message}:\n${proc.output()}`, { cause: error }) : error;
    });
    return proc;
  };

  try {
    if (options.migrate !== false) {
      const result = await migrate({ connectionString: databaseUrl, log });
      log(`migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied`);
    }
    const sapKmsUrl = "url" in options.sapKms ? options.sapKms.url : `http://${options.host}:${options.sapKms.port}`;
    const env = { ...options.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, SAP_KMS_URL: sapKmsUrl };
    const sapKms =
      "port" in options.sapKms
        ? await run(
            "sap-kms",
            { ...env, ...options.sapKms.env, SAP_KMS_PORT: String(options.sapKms.port) },
            `${sapKmsUrl}/healthz`,
          )
        : undefined;
    const awsKmsUrl = options.awsKms ? `http://${options.host}:${options.awsKms.port}` : undefined;
    if (options.awsKms && awsKmsUrl) {
      const awsEnv = { ...env, ...options.awsKms.env, AWS_KMS_PORT: String(options.awsKms.port) };
      await run("aws-kms", awsEnv, `${awsKmsUrl}/healthz`);
    }
    const apiUrl = `http://${options.host}:${options.api.port}`;
    const api = await run("api", { ...env, ...options.api.env, PORT: String(options.api.port) }, `${apiUrl}/readyz`);
    const startWorker = async (healthPort: number, extra: Record<string, string> = {}) => {
      const url = `http://${options.host}:${healthPort}/readyz`;
      const proc = await run("worker", { ...env, ...extra, WORKER_HEALTH_PORT: String(healthPort) }, url);
      const worker = { process: proc, healthPort };
      workers.push(worker);
      return worker;
    };
    for (const w of options.workers ?? []) await startWorker(w.healthPort, w.env);
    return {
      databaseUrl,
      redisUrl,
      ...(infrastructure ? { infrastructure } : {}),
      sapKmsUrl,
      ...(sapKms ? { sapKms } : {}),
      ...(awsKmsUrl ? { awsKmsUrl } : {}),
      apiUrl,
      api,
      workers,
      env,
      startWorker,
      async stopWorkers() {
        await stopping(workers.splice(0).map((w) => w.process));
      },
      onUnexpectedExit(callback) {
        onExit = callback;
      },
      stop,
    };
  } catch (error) {
    await stop().catch((e: unknown) => log(`stopping after a failed start: ${String(e)}`));
    throw error;
  }
}
