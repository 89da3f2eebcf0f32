import { createKeyring } from "@cckm/crypto";
import { createPool } from "@cckm/db";
import { checkInvariant, type InvariantReport } from "@cckm/invariant";
import { SapClients } from "@cckm/inventory";
import { freePort, spawnApp, type TestProcess } from "@cckm/testkit";
import { boardFetch, boardLogin } from "../../../apps/api/src/test-support/board-client.ts";
import { ADMIN_PASSWORD, apiCaller, type StackOptions, startStack, type TestStack, waitFor } from "../../support/stack-processes.ts";

export const API_ENTRY = "apps/api/src/main.ts";

/** One API process of the deployment: its URL, its process, and calls to it as the admin. */
export interface ApiProcess {
  url: string;
  process: TestProcess;
  call: TestStack["call"];
}

export interface ScaleStack extends TestStack {
  /** Every API process; apis[0] is the launcher's (stack.apiUrl). */
  apis: ApiProcess[];
  /** Starts one more API process over the same Postgres and Redis. */
  startApi(): Promise<ApiProcess>;
}

/** /readyz of a process until it answers 200 (bounded; a process that exits first fails it). */
export async function untilReady(url: string, process: TestProcess, timeoutMs = 60_000): Promise<void> {
  await waitFor(
    async () => {
      if (process.child.exitCode !== null) throw new Error(`exited before ready:\n${process.output()}`);
      return fetch(`${url}/readyz`).then(
        (r) => r.status,
        () => 0,
      );
    },
    (status) => status === 200,
    timeoutMs,
  );
}

/**
 * The test stack (simulator, first API, first worker, own database and prefix) with `apis` API
 * processes and `workers` worker processes in all, every one a real process over the same Postgres
 * and Redis (or Redis Cluster: `redisClusterNodes`).
 */
export async function startScaleStack(
  options: StackOptions & { apis?: number; workers?: number } = {},
): Promise<ScaleStack> {
  const stack = await startStack(options);
  const apis: ApiProcess[] = [{ url: stack.apiUrl, process: stack.api as TestProcess, call: stack.call }];
  const startApi = async () => {
    const port = await freePort();
    const process = spawnApp("api", API_ENTRY, { ...stack.env, PORT: String(port) }, []);
    const url = `http://127.0.0.1:${port}`;
    const api = { url, process, call: apiCaller(url) };
    apis.push(api);
    await untilReady(url, process);
    return api;
  };
  try {
    while (apis.length < (options.apis ?? 1)) await startApi();
    while (stack.workers.length < (options.workers ?? 1)) await stack.startWorker();
  } catch (error) {
    await Promise.all(apis.slice(1).map((a) => a.process.stop()));
    await stack.stop();
    throw error;
  }
  return {
    ...stack,
    apis,
    startApi,
    async stop() {
      await Promise.all(apis.slice(1).map((a) => a.process.stop()));
      await stack.stop();
    },
  };
}

/** A worker's reconciler leadership, from its /metrics (cckm_reconciler_leader). */
export async function isLeader(healthUrl: string): Promise<boolean | undefined> {
  const text = await fetch(`${healthUrl}/metrics`).then(
    (r) => r.text(),
    () => "",
  );
  const match = /^cckm_reconciler_leader (\d+)/m.exec(text);
  return match ? match[1] === "1" : undefined;
}

/** The health URL of a worker process, from the line it logs once it serves it. */
export const healthUrlOf = (worker: TestProcess): string => {
  const line = worker.output().match(/worker health on (http:\/\/[^\s"]+)/)?.[1];
  if (!line) throw new Error(`no health URL in the worker's output:\n${worker.output()}`);
  return line;
};

/** npm run verify's check over the stack's database and simulator: no key lost, no backup missing. */
export async function invariantOf(stack: TestStack): Promise<InvariantReport> {
  const pool = createPool(stack.db.url, { max: 2 });
  try {
    const keyring = createKeyring({ id: stack.env.BACKUP_KEK_ID as string, base64: stack.env.BACKUP_KEK as string });
    const clients = new SapClients(keyring, { timeoutMs: 5000, allowPrivateEndpoints: true });
    return await checkInvariant({ db: pool, keyring, sapClient: (c: Parameters<SapClients["for"]>[0]) => clients.for(c) });
  } finally {
    await pool.end();
  }
}

/** What Bull Board's JSON API lists on one API process (signed in as the admin): each queue's counts. */
export async function boardQueues(apiUrl: string): Promise<Array<{ name: string; counts: Record<string, number> }>> {
  const api = { url: apiUrl };
  const cookie = await boardLogin(api, "admin", ADMIN_PASSWORD);
  const res = await boardFetch(api, "GET", "/admin/queues/api/queues", { cookie });
  if (res.status !== 200) throw new Error(`bull board on ${apiUrl}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { queues: Array<{ name: string; counts: Record<string, number> }> };
  return body.queues.map((q) => ({ name: q.name, counts: q.counts })).sort((a, b) => a.name.localeCompare(b.name));
}
