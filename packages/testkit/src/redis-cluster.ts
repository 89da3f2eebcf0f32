import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createRedisConnection, standaloneTarget } from "@cckm/queue";
import type { Redis } from "ioredis";
import { freePort } from "./processes.ts";

const run = promisify(execFile);

export interface ClusterMaster {
  port: number;
  url: string;
  /** Whether its redis-server runs. */
  running(): boolean;
  /** SIGKILLs its redis-server (its slots answer nothing until it is started again). */
  kill(): Promise<void>;
  /** Starts it again on the same port and directory (it rejoins from its nodes.conf). */
  restart(): Promise<void>;
}

export interface RedisCluster {
  masters: ClusterMaster[];
  /** REDIS_CLUSTER_NODES for the apps: every master's URL, comma-separated. */
  nodesEnv: string;
  /** The master that serves `key`'s slot (e.g. `{cckm}`). */
  masterOf(key: string): Promise<ClusterMaster>;
  /** Resolves when every node says `cluster_state:ok`. */
  waitUntilOk(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();

/** A client to one node only, that gives up at once (probes and admin commands). */
function nodeClient(port: number): Redis {
  const target = standaloneTarget(`redis://127.0.0.1:${port}`);
  const client = createRedisConnection(target, "probe", "cckm-test-cluster-admin") as Redis;
  client.on("error", () => {});
  return client;
}

async function answers(port: number, command: (c: Redis) => Promise<unknown>): Promise<unknown> {
  const client = nodeClient(port);
  try {
    await client.connect();
    return await command(client);
  } finally {
    client.disconnect();
  }
}

async function until(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`redis cluster: ${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A real Redis Cluster of `masters` masters (no replicas) on free loopback ports: Debian's
 * redis-server with `--cluster-enabled yes`, joined with `redis-cli --cluster create`. In memory
 * (no AOF, no RDB), `noeviction`, and a short node timeout so a killed master marks the cluster down
 * quickly. stop() kills every server and removes their directories, whatever state they are in.
 */
export async function startRedisCluster(
  options: { masters?: number; nodeTimeoutMs?: number } = {},
): Promise<RedisCluster> {
  const count = options.masters ?? 3;
  const dir = await mkdtemp(join(tmpdir(), "cckm-redis-cluster-"));
  const masters: ClusterMaster[] = [];
  const children = new Map<number, ChildProcess>();
  const launch = async (port: number) => {
    const child = spawn(
      "redis-server",
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--cluster-enabled",
        "yes",
        "--cluster-config-file",
        join(dir, `nodes-${port}.conf`),
        "--cluster-node-timeout",
        String(options.nodeTimeoutMs ?? 1000),
        "--save",
        "",
        "--appendonly",
        "no",
        "--maxmemory-policy",
        "noeviction",
        "--dir",
        dir,
      ],
      { stdio: "ignore" },
    );
    live.add(child);
    child.once("exit", () => live.delete(child));
    children.set(port, child);
    await until(`node ${port} did not start`, 10_000, async () => {
      if (child.exitCode !== null) throw new Error(`redis-server on ${port} exited`);
      return (await answers(port, (c) => c.ping())) === "PONG";
    });
  };
  const killOne = async (port: number) => {
    const child = children.get(port);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
  };
  const stop = async () => {
    await Promise.all([...children.keys()].map(killOne));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const ports: number[] = [];
    while (ports.length < count) {
      const port = await freePort();
      // The cluster bus listens on port + 10000: both must be free.
      if (port + 10_000 <= 65_535 && !ports.includes(port) && (await freePortIs(port + 10_000))) ports.push(port);
    }
    await Promise.all(ports.map(launch));
    const nodes = ports.map((p) => `127.0.0.1:${p}`);
    await run("redis-cli", ["--cluster", "create", ...nodes, "--cluster-replicas", "0", "--cluster-yes"], {
      timeout: 30_000,
    });
    for (const port of ports) {
      masters.push({
        port,
        url: `redis://127.0.0.1:${port}`,
        running: () => {
          const child = children.get(port);
          return !!child && child.exitCode === null && child.signalCode === null;
        },
        kill: () => killOne(port),
        restart: () => launch(port),
      });
    }
    const waitUntilOk = (timeoutMs = 30_000) =>
      until("cluster_state:ok not reached", timeoutMs, async () => {
        const states = await Promise.all(ports.map((p) => answers(p, (c) => c.cluster("INFO"))));
        return states.every((s) => /cluster_state:ok/.test(String(s)));
      });
    await waitUntilOk();
    return {
      masters,
      nodesEnv: masters.map((m) => m.url).join(","),
      async masterOf(key) {
        const slot = Number(await answers(ports[0] as number, (c) => c.cluster("KEYSLOT", key)));
        const shards = (await answers(ports[0] as number, (c) => c.cluster("SLOTS"))) as Array<
          [number, number, [string, number]]
        >;
        const owner = shards.find(([from, to]) => slot >= from && slot <= to);
        const master = masters.find((m) => m.port === owner?.[2][1]);
        if (!master) throw new Error(`redis cluster: no master serves slot ${slot}`);
        return master;
      },
      waitUntilOk,
      stop,
    };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}

async function freePortIs(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** Kills every cluster node still running (a file's afterAll safety net, as killLiveProcesses). */
export function killClusterNodes(): void {
  for (const child of live) child.kill("SIGKILL");
}
