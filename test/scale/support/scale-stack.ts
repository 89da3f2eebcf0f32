import { freePort, spawnApp, type TestProcess } from "@cckm/testkit";
import { apiCaller, type StackOptions, startStack, type TestStack } from "../../support/stack-processes.ts";
import { untilReady } from "./probes.ts";

export { healthUrlOf, isLeader, untilReady } from "./probes.ts";

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
