import { freePort, type RedisCluster, spawnApp, startRedisCluster, type TestProcess } from "@cckm/testkit";
import { connectAndSync, syncAll } from "../../support/jobs-fixture.ts";
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

/** `n` exportable AES keys made in SAP (the demo tenant's first group), then synchronized in, in one sync. */
export async function sapKeys(
  stack: TestStack,
  label: string,
  n: number,
): Promise<Array<{ sapId: string; id: string }>> {
  const sap = stack.sap.client();
  const [group] = await sap.listAllGroups();
  if (!group) throw new Error("the demo tenant has no group");
  const made: string[] = [];
  for (let i = 0; i < n; i++) {
    const spec = { name: `${label}-${i}`, groupId: group.id, type: "AES" as const, size: 256, exportable: true };
    made.push((await sap.createKey(spec)).id);
  }
  await syncAll(stack);
  const keys = [];
  for (const sapId of made) {
    const id = (await stack.call("GET", `/cckm/sap/keys?sap_key_id=${sapId}`)).body.resources[0]?.id;
    if (!id) throw new Error(`key ${sapId} did not sync in`);
    keys.push({ sapId, id: id as string });
  }
  return keys;
}

/** A three-master Redis Cluster and a scale stack on it (REDIS_CLUSTER_NODES), the demo tenant connected and synchronized. */
export interface ClusterStack {
  cluster: RedisCluster;
  stack: ScaleStack;
  /** Stops the stack, then the cluster. */
  stop(): Promise<void>;
}

export async function startClusterStack(
  options: Omit<Parameters<typeof startScaleStack>[0] & {}, "redisClusterNodes">,
): Promise<ClusterStack> {
  const cluster = await startRedisCluster({ masters: 3 });
  let stack: ScaleStack | undefined;
  try {
    stack = await startScaleStack({ ...options, redisClusterNodes: cluster.nodesEnv });
    await connectAndSync(stack);
  } catch (error) {
    await stack?.stop().catch(() => {});
    await cluster.stop();
    throw error;
  }
  const started = stack;
  return {
    cluster,
    stack: started,
    async stop() {
      await started.stop();
      await cluster.stop();
    },
  };
}
