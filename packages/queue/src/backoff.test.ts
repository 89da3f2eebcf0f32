import { describe, expect, it } from "vitest";
import { baseDelayOf, sapBackoff, waitDelay } from "./backoff.ts";

describe("sapBackoff", () => {
  it("grows exponentially within [half, full] of base·2^(n-1)", () => {
    expect(sapBackoff(1, 1000, undefined, () => 0)).toBe(500);
    expect(sapBackoff(1, 1000, undefined, () => 0.999999)).toBe(1000);
    expect(sapBackoff(4, 1000, undefined, () => 0)).toBe(4000);
    expect(sapBackoff(4, 1000, undefined, () => 0.999999)).toBe(8000);
  });

  it("is capped at five minutes", () => {
    expect(sapBackoff(40, 1000, undefined, () => 0.999999)).toBe(300_000);
  });

  it("waits at least as long as the server's Retry-After", () => {
    expect(sapBackoff(1, 1000, { retryAfterMs: 7000 }, () => 0)).toBe(7000);
    expect(sapBackoff(5, 1000, { retryAfterMs: 10 }, () => 0)).toBe(8000);
    expect(sapBackoff(1, 1000, { retryAfterMs: 3_600_000 }, () => 0)).toBe(300_000);
  });
});

describe("waitDelay", () => {
  it("doubles per wait within [half, full] of base·2^waits, capped at a minute", () => {
    expect(waitDelay(0, 1000, undefined, () => 0)).toBe(500);
    expect(waitDelay(0, 1000, undefined, () => 0.999999)).toBe(1000);
    expect(waitDelay(3, 1000, undefined, () => 0.999999)).toBe(8000);
    expect(waitDelay(10, 1000, undefined, () => 0.999999)).toBe(60_000);
    expect(waitDelay(10_000, 1000, undefined, () => 0)).toBe(30_000);
  });

  it("waits at least Retry-After, at most five minutes", () => {
    expect(waitDelay(0, 100, 2000, () => 0)).toBe(2000);
    expect(waitDelay(0, 100, 3_600_000, () => 0)).toBe(300_000);
    expect(waitDelay(8, 1000, 10, () => 0)).toBe(30_000);
  });
});

describe("baseDelayOf", () => {
  it("reads a job's backoff delay, as an object or a number, 1 s without one", () => {
    expect(baseDelayOf({ opts: { backoff: { delay: 250 } } })).toBe(250);
    expect(baseDelayOf({ opts: { backoff: 70 } })).toBe(70);
    expect(baseDelayOf({ opts: {} })).toBe(1000);
  });
});
