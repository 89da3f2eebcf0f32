import { describe, expect, it } from "vitest";
import { boundedRetryStrategy, retryUnlessClientError, retryWhenNotReceived, type SdkRetryStrategy } from "./retry.ts";

type SdkError = Parameters<SdkRetryStrategy["refreshRetryTokenForRetry"]>[1]["error"];
/** An error as the SDK hands it to the strategy (its type wants an Error `cause`). */
const sdkError = (message: string, code?: string) =>
  Object.assign(new Error(message), code ? { code } : {}) as SdkError;

const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 250, retryable: retryUnlessClientError };

describe("bounded retry strategy", () => {
  it("backs off exponentially with full jitter, capped, and stops after maxAttempts", async () => {
    const strategy = boundedRetryStrategy({ ...policy, random: () => 0.5 });
    let token = await strategy.acquireInitialRetryToken("");
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      token = await strategy.refreshRetryTokenForRetry(token, { errorType: "TRANSIENT" });
      delays.push(token.getRetryDelay());
    }
    expect(delays).toEqual([50, 100, 125]);
    expect(token.getRetryCount()).toBe(3);
    const last = sdkError("fourth failure");
    await expect(strategy.refreshRetryTokenForRetry(token, { errorType: "TRANSIENT", error: last })).rejects.toBe(last);
  });

  it("retries what its filter allows only", async () => {
    const strategy = boundedRetryStrategy({ ...policy, retryable: retryWhenNotReceived, random: () => 0 });
    const first = await strategy.acquireInitialRetryToken("");
    await expect(strategy.refreshRetryTokenForRetry(first, { errorType: "THROTTLING" })).resolves.toBeDefined();
    const lost = sdkError("socket hang up", "ECONNRESET");
    await expect(strategy.refreshRetryTokenForRetry(first, { errorType: "TRANSIENT", error: lost })).rejects.toBe(lost);
    const refused = sdkError("refused", "ECONNREFUSED");
    await expect(
      strategy.refreshRetryTokenForRetry(first, { errorType: "TRANSIENT", error: refused }),
    ).resolves.toBeDefined();
    const permanent = boundedRetryStrategy({ ...policy, random: () => 0 });
    await expect(permanent.refreshRetryTokenForRetry(first, { errorType: "CLIENT_ERROR" })).rejects.toThrow();
  });

  it("waits at least a Retry-After hint, within the ceiling", async () => {
    const strategy = boundedRetryStrategy({ ...policy, random: () => 0 });
    const first = await strategy.acquireInitialRetryToken("");
    const hint = new Date(Date.now() + 60_000);
    const token = await strategy.refreshRetryTokenForRetry(first, { errorType: "THROTTLING", retryAfterHint: hint });
    expect(token.getRetryDelay()).toBe(250);
  });
});
