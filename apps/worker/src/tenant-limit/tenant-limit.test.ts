import { randomUUID } from "node:crypto";
import { createProducerConnection } from "@cckm/queue";
import { SapKmsError } from "@cckm/sap-kms-client";
import { deleteRedisPrefix, spawnTs, testRedisPrefix, testRedisUrl } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_INLINE_WAIT_MS, TenantLimits } from "./tenant-limit.ts";

const FIXTURE = "apps/worker/src/tenant-limit/limit-caller.fixture.ts";

/**
 * The most requests a fixed one-second window limit of `limit` lets through in `spanMs`: one window
 * per started second, plus the one open at the start.
 */
const fixedWindowBound = (limit: number, spanMs: number) => limit * (Math.ceil(spanMs / 1000) + 1);

describe("the SAP tenant rate limit (Redis, shared by processes)", () => {
  const prefix = testRedisPrefix();
  const redis = createProducerConnection(testRedisUrl(), "tenant-limit-test");
  beforeAll(async () => {
    await new TenantLimits({ redis, prefix }).ready();
  });
  afterAll(async () => {
    redis.disconnect();
    await deleteRedisPrefix(prefix);
  });

  it("holds across three processes: no more than the limit in any one-second window, counted by the limiter's own windows", async () => {
    const connection = randomUUID();
    const limit = 20;
    const env = { REDIS_URL: testRedisUrl(), PREFIX: prefix, CONNECTION: connection, LIMIT: String(limit) };
    const callers = Array.from({ length: 3 }, () => spawnTs(FIXTURE, { ...env, CALLS: "40", CONCURRENCY: "8" }));
    await Promise.all(callers.map((c) => c.waitForOutput(/^ready$/)));
    await redis.lpush(`${prefix}:go`, "1", "1", "1");
    await Promise.all(callers.map((c) => c.waitForOutput(/^done$/, 60_000)));
    await Promise.all(callers.map((c) => c.exited));
    const at = callers
      .flatMap((c) => c.output().split("\n"))
      .filter((l) => l.startsWith("at "))
      .map((l) => Number(l.slice(3)))
      .sort((a, b) => a - b);
    expect(at).toHaveLength(120);
    const span = (at.at(-1) as number) - (at[0] as number);
    // 120 calls at 20 per window take at least six windows: unthrottled they would take milliseconds.
    expect(at.length).toBeLessThanOrEqual(fixedWindowBound(limit, span));
    // A sliding second overlaps at most two of the limiter's windows.
    for (let i = 0, j = 0; i < at.length; i++) {
      while ((at[j] as number) <= (at[i] as number) - 1000) j++;
      expect(i - j + 1).toBeLessThanOrEqual(2 * limit);
    }
  });

  it("after a 429 every caller of the connection holds back for Retry-After; a long one gives the call up as RATE_LIMITED", async () => {
    const connection = randomUUID();
    const one = new TenantLimits({ redis, prefix }).for(connection, 50);
    const other = new TenantLimits({ redis, prefix }).for(connection, 50);
    const elsewhere = new TenantLimits({ redis, prefix }).for(randomUUID(), 50);
    await one?.rateLimited(MAX_INLINE_WAIT_MS + 3000);
    const refused = await other?.beforeCall("keys.delete").then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(SapKmsError);
    expect((refused as SapKmsError).code).toBe("RATE_LIMITED");
    expect((refused as SapKmsError).retryAfterMs).toBeGreaterThan(MAX_INLINE_WAIT_MS);
    // A shorter Retry-After heard meanwhile does not shorten the block.
    await other?.rateLimited(1000);
    const still = await one?.beforeCall("keys.get").then(
      () => undefined,
      (error: unknown) => error,
    );
    expect((still as SapKmsError).retryAfterMs).toBeGreaterThan(MAX_INLINE_WAIT_MS);
    // Another connection's tenant is not held back.
    await expect(elsewhere?.beforeCall("keys.get")).resolves.toBeUndefined();
  });

  it("keeps its keys under the hash-tagged prefix (one cluster slot)", () => {
    const key = new TenantLimits({ redis, prefix }).keyOf("c1");
    expect(key.startsWith(`${prefix}:`)).toBe(true);
  });

  it("a limit of 0 is no limit", () => {
    expect(new TenantLimits({ redis, prefix }).for(randomUUID(), 0)).toBeUndefined();
  });
});
