import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRedisConnection, standaloneTarget } from "@cckm/queue";
import { freePort } from "./processes.ts";

/**
 * A redis-server of a test's own (in memory, no persistence), for tests that FLUSHALL or stop Redis.
 * `port` starts it again where a stopped one listened (clients reconnect to the same URL).
 */
export async function startRedisServer(
  options: { port?: number } = {},
): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  const port = options.port ?? (await freePort());
  const dir = await mkdtemp(join(tmpdir(), "cckm-redis-")); // where it writes if a test turns persistence on
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
    { stdio: "ignore" },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = createRedisConnection(standaloneTarget(url), "probe", "cckm-test-redis-probe");
    probe.on("error", () => {});
    const ok = await probe.connect().then(
      () => probe.ping().then(() => true),
      () => false,
    );
    probe.disconnect();
    if (ok) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error("redis-server did not start");
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    port,
    async stop() {
      child.kill("SIGKILL");
      await exited;
      await rm(dir, { recursive: true, force: true });
      await rm(dir, { recursive: true, force: true });
    },
  };
}
