import { spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { Redis } from "ioredis";
import { localSecrets } from "./local-secrets.ts";
import { which } from "./which.ts";

export interface ResolvedRedis {
  url: string;
  source: string;
  stop(): Promise<void>;
}

export interface RedisChoice {
  /** REDIS_URL when the user set it. */
  configured: string | undefined;
  /** The variable `configured` came from, for messages (default REDIS_URL). */
  configuredName?: string;
  localUrl: string;
  ownPort: number;
  dataDir: string;
}

async function answersPing(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export class RedisUnavailableError extends Error {
  readonly code = "REDIS_UNAVAILABLE";
  constructor() {
    super(
      [
        "No Redis found: REDIS_URL is unset, no local Redis answers, and there is no redis-server on PATH.",
        "Get one of these, then run `npm start` again:",
        "  - Debian/Ubuntu: apt-get install redis-server",
        "  - macOS:         brew install redis",
        "  - Docker:        docker compose up -d redis",
        "  - or point REDIS_URL at a Redis you have (redis://host:6379)",
      ].join("\n"),
    );
  }
}

async function startOwn(binary: string, dataDir: string, port: number): Promise<ResolvedRedis> {
  const dir = join(dataDir, "redis");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // A random password (kept 0600 in the data dir): other local users cannot read or change the queues.
  const { redisPassword } = await localSecrets(dataDir);
  const child = spawn(
    binary,
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dir,
      "--appendonly",
      "yes",
      "--save",
      "",
      "--maxmemory-policy",
      "noeviction",
      "--daemonize",
      "no",
      "--logfile",
      join(dir, "redis.log"),
      "--requirepass",
      redisPassword,
    ],
    { stdio: "ignore" },
  );
  const url = `redis://:${encodeURIComponent(redisPassword)}@127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let i = 0; i < 50 && child.exitCode === null; i++) {
    if (await answersPing(url, 200)) {
      return {
        url,
        source: `redis-server on port ${port} (AOF in ${dir}, noeviction)`,
        stop: async () => {
          if (child.exitCode === null) child.kill("SIGTERM");
          await exited;
        },
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`redis-server did not start; see ${join(dir, "redis.log")}`);
}

/** REDIS_URL if set; else the local server; else a redis-server from PATH under the data dir. */
export async function resolveRedis(choice: RedisChoice): Promise<ResolvedRedis> {
  const none = async () => {};
  if (choice.configured) {
    const name = choice.configuredName ?? "REDIS_URL";
    if (!(await answersPing(choice.configured))) throw new Error(`${name} is set but Redis does not answer there`);
    return { url: choice.configured, source: name, stop: none };
  }
  if (await answersPing(choice.localUrl)) {
    return { url: choice.localUrl, source: `local Redis on ${new URL(choice.localUrl).host}`, stop: none };
  }
  const binary = which("redis-server");
  if (!binary) throw new RedisUnavailableError();
  return startOwn(binary, choice.dataDir, choice.ownPort);
}
