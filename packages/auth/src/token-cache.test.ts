import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signAccessToken, TokenError } from "./jwt.ts";
import { VerifiedTokens } from "./token-cache.ts";

const secret = "a-test-secret-that-is-long-enough-for-hs256";
const subject = () => ({
  userId: randomUUID(),
  username: "alice",
  groups: ["CCKM Users"],
  sessionId: randomUUID(),
  clientId: "c1",
});

describe("verified tokens", () => {
  it("verifies a token once and answers it from memory until its own expiry, then verifies again", async () => {
    let clock = Date.now();
    const tokens = new VerifiedTokens(100, () => clock);
    const { jwt, expiresAt } = await signAccessToken(subject(), secret);
    const first = await tokens.verify(jwt, secret);
    expect(first).toMatchObject({ username: "alice", groups: ["CCKM Users"], audience: "c1" });
    expect(await tokens.verify(jwt, secret)).toBe(first); // the same answer, from memory
    expect(Object.isFrozen(first) && Object.isFrozen(first.groups)).toBe(true);
    // Another secret or lifetime is not answered from what was verified under this one.
    expect(await tokens.verify(jwt, `${secret}-2`).catch((e: unknown) => e)).toBeInstanceOf(TokenError);
    expect(await tokens.verify(jwt, secret, 200)).not.toBe(first);
    // Past its expiry, the memory no longer answers (jose, on the real clock, still accepts it).
    const again = await tokens.verify(jwt, secret);
    clock = expiresAt.getTime();
    const later = await tokens.verify(jwt, secret);
    expect(later).not.toBe(again);
    expect(later).toEqual(again);
  });

  it("keeps no refused token, and no token already in its clock skew's grace", async () => {
    const tokens = new VerifiedTokens(100);
    const { jwt } = await signAccessToken(subject(), secret);
    const forged = `${jwt.slice(0, -2)}AA`;
    for (let i = 0; i < 2; i++)
      expect(await tokens.verify(forged, secret).catch((e: unknown) => e)).toBeInstanceOf(TokenError);
    // Expired 10 s ago: jose still accepts it (30 s of skew), but it is verified afresh every time.
    const late = await signAccessToken(subject(), secret, new Date(Date.now() - 310_000));
    const first = await tokens.verify(late.jwt, secret);
    expect(await tokens.verify(late.jwt, secret)).not.toBe(first);
  });

  it("holds at most its bound, forgetting the oldest first", async () => {
    const tokens = new VerifiedTokens(2);
    const jwts = await Promise.all([1, 2, 3].map(async () => (await signAccessToken(subject(), secret)).jwt));
    const verified = [];
    for (const jwt of jwts) verified.push(await tokens.verify(jwt, secret)); // one after another: a, b, c
    const [a, b, c] = verified;
    expect(await tokens.verify(jwts[2] as string, secret)).toBe(c);
    expect(await tokens.verify(jwts[1] as string, secret)).toBe(b);
    expect(await tokens.verify(jwts[0] as string, secret)).not.toBe(a);
  });
});
