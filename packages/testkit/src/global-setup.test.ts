import { existsSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { createRedisConnection, standaloneTarget } from "@cckm/queue";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { descendants, freePort, isAlive, liveProcesses, spawnTs } from "./processes.ts";

const SETUP = "packages/testkit/src/global-setup-main.ts";

function command(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("the test setup, with this machine's Postgres and Redis unreachable", () => {
  afterEach(() => {
    expect(liveProcesses()).toBe(0);
  });

  it("runs an embedded Postgres and a redis-server of its own, migrates the template, and stops them", async () => {
    const closed = await freePort(); // nothing listens there: the "local" servers are down
    const setup = spawnTs(SETUP, {
      TEST_DATABASE_URL: undefined,
      TEST_REDIS_URL: undefined,
      TEST_DATA_DIR: undefined,
      STACK_LOCAL_POSTGRES_URL: `postgresql://postgres@127.0.0.1:${closed}/postgres`,
      STACK_LOCAL_REDIS_URL: `redis://127.0.0.1:${closed}`,
    });
    let tree: number[] = [];
    let ports: number[] = [];
    try {
      const line = await setup.waitForOutput(/"ready":true/, 120_000);
      const made = JSON.parse(line) as { pgAdminUrl: string; redisUrl: string; cckmTestRun: { templateDb: string } };
      expect(setup.output()).toMatch(/\[test setup\] initialising an embedded Postgres under /);
      ports = [Number(new URL(made.pgAdminUrl).port), Number(new URL(made.redisUrl).port)];
      expect(ports).not.toContain(closed);

      const client = new pg.Client({ connectionString: made.pgAdminUrl });
      await client.connect();
      try {
        const template = made.cckmTestRun.templateDb;
        const { rows } = await client.query("SELECT datname FROM pg_database WHERE datname = $1", [template]);
        expect(rows).toHaveLength(1);
      } finally {
        await client.end();
      }
      const redis = createRedisConnection(standaloneTarget(made.redisUrl), "probe", "cckm-test-setup-probe");
      await redis.connect();
      expect(await redis.ping()).toBe("PONG");
      redis.disconnect();

      tree = descendants(setup.child.pid as number);
      const commands = tree.map(command);
      expect(commands.some((c) => /\/postgres\b.* -D /.test(c))).toBe(true);
      expect(commands.some((c) => /redis-server/.test(c))).toBe(true);
    } finally {
      const exit = await setup.stop("SIGTERM");
      expect(exit.code).toBe(0);
    }
    expect(setup.output()).toContain("torn down");
    expect(tree.filter(isAlive).map((p) => `${p}: ${command(p)}`)).toEqual([]);
    for (const port of ports) expect(await listening(port)).toBe(false);
    const dataDir = /initialising an embedded Postgres under (\S+)\/postgres/.exec(setup.output())?.[1];
    expect(dataDir && existsSync(dataDir)).toBe(false);
  });
});
