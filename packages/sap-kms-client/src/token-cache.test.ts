import { describe, expect, it } from "vitest";
import { jwtExpiry, TokenCache } from "./token-cache.ts";

const jwt = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.sig`;

describe("token cache", () => {
  it("logs in once for concurrent callers and reuses the token", async () => {
    let logins = 0;
    const cache = new TokenCache(async () => `token-${++logins}`, 30_000);
    expect(await Promise.all([cache.get(), cache.get(), cache.get()])).toEqual(["token-1", "token-1", "token-1"]);
    expect(await cache.get()).toBe("token-1");
    cache.invalidate("token-other");
    expect(await cache.get()).toBe("token-1");
    cache.invalidate("token-1");
    expect(await cache.get()).toBe("token-2");
  });

  it("refreshes a margin before exp, at most half the lifetime", async () => {
    let now = 1_000_000;
    let logins = 0;
    const cache = new TokenCache(
      async () => jwt({ n: ++logins, exp: (now + 10_000) / 1000 }),
      30_000,
      () => now,
    );
    const first = await cache.get();
    now += 4_999;
    expect(await cache.get()).toBe(first);
    now += 1;
    expect(await cache.get()).not.toBe(first);
    expect(logins).toBe(2);
  });

  it("a failed login is not cached", async () => {
    let calls = 0;
    const cache = new TokenCache(async () => {
      calls++;
      if (calls === 1) throw new Error("down");
      return "ok";
    }, 0);
    await expect(cache.get()).rejects.toThrow("down");
    expect(await cache.get()).toBe("ok");
  });

  it("reads exp from JWTs only", () => {
    expect(jwtExpiry(jwt({ exp: 12 }))).toBe(12_000);
    expect(jwtExpiry(jwt({ exp: "12" }))).toBeUndefined();
    expect(jwtExpiry("opaque-token")).toBeUndefined();
    expect(jwtExpiry("a.%%%.c")).toBeUndefined();
  });
});
