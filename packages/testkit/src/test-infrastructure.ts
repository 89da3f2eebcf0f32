import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { type Infrastructure, resolveInfrastructure, testInfrastructureChoice } from "@cckm/infrastructure";
import { freePort } from "./processes.ts";

/** Postgres (an admin URL) and Redis for a test run, and how to let go of them. */
export interface TestInfrastructure {
  pgAdminUrl: string;
  redisUrl: string;
  /** Where each came from: `TEST_DATABASE_URL`, `local Postgres on …`, `embedded Postgres on port …`, … */
  sources: { postgres: string; redis: string };
  release(): Promise<void>;
}

interface Shared {
  users: number;
  ready: Promise<{ infrastructure: Infrastructure; dataDir: string | undefined }>;
}

// Both vitest projects run the global setup in the one main process: they share what it started.
const KEY = Symbol.for("cckm.testInfrastructure");
const slot = globalThis as { [KEY]?: Shared };

async function start(log: (m: string) => void) {
  // The launcher's own servers, if it needs them, keep their data in a directory of this run's own.
  const dataDir = process.env.TEST_DATA_DIR || (await mkdtemp(`${tmpdir()}/cckm-test-run-`));
  await chmod(dataDir, 0o755); // the embedded server runs as the postgres user when we are root
  const choice = testInfrastructureChoice(process.env, dataDir, {
    postgres: await freePort(),
    redis: await freePort(),
  });
  const removeDir = process.env.TEST_DATA_DIR ? undefined : dataDir;
  try {
    return { infrastructure: await resolveInfrastructure(choice, log), dataDir: removeDir };
  } catch (error) {
    if (removeDir) await rm(removeDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The test run's Postgres and Redis, by the road `npm start` takes (apps/stack's launcher): the
 * TEST_* variables when set, else the local servers, else an embedded Postgres and a redis-server of
 * the run's own. Sets TEST_DATABASE_URL and TEST_REDIS_URL for everything the run starts after.
 */
export async function acquireTestInfrastructure(log: (m: string) => void = () => {}): Promise<TestInfrastructure> {
  const shared = slot[KEY] ?? { users: 0, ready: start(log) };
  slot[KEY] = shared;
  shared.users++;
  let ready: Awaited<Shared["ready"]>;
  try {
    ready = await shared.ready;
  } catch (error) {
    if (--shared.users === 0) delete slot[KEY];
    throw error;
  }
  const { postgres, redis } = ready.infrastructure;
  process.env.TEST_DATABASE_URL = postgres.adminUrl;
  process.env.TEST_REDIS_URL = redis.url;
  let released = false;
  return {
    pgAdminUrl: postgres.adminUrl,
    redisUrl: redis.url,
    sources: { postgres: postgres.source, redis: redis.source },
    async release() {
      if (released) return;
      released = true;
      if (--shared.users > 0) return;
      delete slot[KEY];
      try {
        await ready.infrastructure.stop();
      } finally {
        if (ready.dataDir) await rm(ready.dataDir, { recursive: true, force: true });
      }
    },
  };
}
