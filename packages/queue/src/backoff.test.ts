import { describe, expect, it } from "vitest";
import { sapBackoff } from "./backoff.ts";

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
