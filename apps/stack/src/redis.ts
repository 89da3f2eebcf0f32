import { spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { Redis } from "ioredis";
import { which } from "./which.ts";

export interface ResolvedRedis {
  url: string;
  source: string;
  stop(): Promise<void>;
}

const LOCAL_URL = "redis://127.0.0.1:6379";
const OWN_PORT = 63790;

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
        "No Redis found: REDIS_URL is unset, nothing answers on 127.0.0.1:6379, and there is no redis-server on PATH.",
        "Get one of these, then run `npm start` again:",
        "  - Debian/Ubuntu: apt-get install redis-server",
        "  - macOS:         brew install redis",
        "  - Docker:        docker compose up -d redis",
        "  - or point REDIS_URL at a Redis you have (redis://host:6379)",
      ].join("\n"),
    );
  }
}

async function startOwn(binary: string, dataDir: string): Promise<ResolvedRedis> {
  const dir = join(dataDir, "redis");
  await mkdir(dir, { recursive: true });
  const child = spawn(
    binary,
    ["--port", String(OWN_PORT), "--bind", "127.0.0.1", "--dir", dir, "--appendonly", "yes", "--save", "",
     "--maxmemory-policy", "noeviction", "--daemonize", "no", "--logfile", join(dir, "redis.log")],
    { stdio: "ignore" },
  );
  const url = `redis://127.0.0.1:${OWN_PORT}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let i = 0; i < 50 && child.exitCode === null; i++) {
    if (await answersPing(url, 200)) {
      return {
        url,
        source: `redis-server on port ${OWN_PORT} (AOF in ${dir}, noeviction)`,
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

/** REDIS_URL if set; else the local server on 6379; else a redis-server from PATH under `.data/`. */
export async function resolveRedis(configured: string | undefined, dataDir: string): Promise<ResolvedRedis> {
  const none = async () => {};
  if (configured) {
    if (!(await answersPing(configured))) throw new Error("REDIS_URL is set but Redis does not answer there");
    return { url: configured, source: "REDIS_URL", stop: none };
  }
  if (await answersPing(LOCAL_URL)) return { url: LOCAL_URL, source: "local Redis on 127.0.0.1:6379", stop: none };
  const binary = which("redis-server");
  if (!binary) throw new RedisUnavailableError();
  return startOwn(binary, dataDir);
}
