import { apiEnvSchema, loadEnv } from "@cckm/config";
import { JOB_KINDS, sapKeyJobKind, sapSyncKind } from "@cckm/jobs";
import { createLogger } from "@cckm/log";
import { KEY_JOBS_QUEUE, SYNC_ATTEMPTS, SYNC_JOBS_QUEUE } from "@cckm/queue";
import { createTestDatabase, testRedisPrefix, testRedisUrl } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiRuntime } from "./runtime.ts";
import { startTestApi, type TestApi } from "./test-support/api-harness.ts";

describe("createApiRuntime, the API's one composition root", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it("gives the test harness production's queues: the same names, attempts and backoff", async () => {
    const database = await createTestDatabase();
    const env = loadEnv(
      { DATABASE_URL: database.url, REDIS_URL: testRedisUrl(), REDIS_PREFIX: testRedisPrefix(), JOB_ATTEMPTS: "8" },
      apiEnvSchema,
    );
    const production = await createApiRuntime(env, { logger: createLogger("api", "silent") });
    try {
      const options = (q: { name: string; defaultJobOptions: { attempts?: number; backoff?: unknown } }) => ({
        name: q.name,
        attempts: q.defaultJobOptions.attempts,
        backoff: q.defaultJobOptions.backoff,
      });
      const sync = production.deps.queues.of(sapSyncKind);
      const keyJobs = production.deps.queues.of(sapKeyJobKind);
      expect(options(sync)).toMatchObject({ name: SYNC_JOBS_QUEUE, attempts: SYNC_ATTEMPTS });
      expect(options(keyJobs)).toMatchObject({ name: KEY_JOBS_QUEUE, attempts: 8 });
      expect(options(api.queues.of(sapSyncKind))).toEqual(options(sync));
      expect(options(api.queues.of(sapKeyJobKind))).toEqual(options(keyJobs));
      // Every registered kind has its queue, in production and in the harness alike.
      expect(production.deps.queues.all.map((q) => q.name).sort()).toEqual(JOB_KINDS.map((k) => k.queue).sort());
    } finally {
      await production.close();
      await database.drop();
    }
  });

  it("closes every part, even when one fails, and names the one that did", async () => {
    const database = await createTestDatabase();
    const env = loadEnv({ DATABASE_URL: database.url, REDIS_URL: testRedisUrl() }, apiEnvSchema);
    const runtime = await createApiRuntime(env, { logger: createLogger("api", "silent") });
    try {
      const servers = await runtime.listen({ port: 0 });
      // The readiness probe closed behind the runtime's back: its step fails, the others still run.
      await runtime.deps.readiness.close();
      const error = await runtime.close().catch((e: unknown) => e as AggregateError);
      expect(error).toBeInstanceOf(AggregateError);
      expect((error as Error).message).toMatch(/^closing failed \(readiness probe: /);
      expect((error as AggregateError).errors).toHaveLength(1);
      expect(runtime.deps.pool.ended).toBe(true);
      await expect(fetch(`${servers.urls[0]}/healthz`)).rejects.toThrowError();
      // disconnect() ends the connection a tick later: wait for that, bounded by the test's timeout.
      const { redis } = runtime.deps;
      await new Promise<void>((resolve) => (redis.status === "end" ? resolve() : redis.once("end", () => resolve())));
      expect(redis.status).toBe("end");
    } finally {
      await database.drop();
    }
  });
});
