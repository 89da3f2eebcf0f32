import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { ACCESS_TOKEN_SECONDS, CLOCK_SKEW_SECONDS, signAccessToken, TokenError, verifyAccessToken } from "./jwt.ts";

const secret = "a-test-secret-that-is-long-enough-for-hs256";
const subject = {
  userId: randomUUID(),
  username: "alice",
  groups: ["CCKM Users"],
  sessionId: randomUUID(),
  clientId: "c1",
};
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

async function refusal(jwt: string, key = secret): Promise<TokenError> {
  const error = await verifyAccessToken(jwt, key).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TokenError);
  return error as TokenError;
}

describe("access tokens", () => {
  it("carry CipherTrust's claims and verify", async () => {
    const now = new Date();
    const { jwt, expiresAt } = await signAccessToken(subject, secret, now);
    const [header, payload] = jwt
      .split(".")
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, "base64url").toString()));
    expect(header).toEqual({ alg: "HS256", typ: "JWT" });
    expect(payload).toMatchObject({
      iss: "kylo",
      acc: "kylo",
      sub: `local|${subject.userId}`,
      aud: "c1",
      preferred_username: "alice",
      cust: { groups: ["CCKM Users"], sid: subject.sessionId },
    });
    expect(payload.exp - payload.iat).toBe(300);
    expect(payload.jwtid).toMatch(/^[0-9a-f-]{36}$/);
    expect(expiresAt.getTime()).toBe(payload.exp * 1000);
    expect(await verifyAccessToken(jwt, secret)).toMatchObject({ userId: subject.userId, groups: ["CCKM Users"] });
  });

  it("refuses an expired token, but allows a small clock skew", async () => {
    const stale = await signAccessToken(subject, secret, new Date(Date.now() - 301_000 - 40_000));
    expect((await refusal(stale.jwt)).code).toBe("TOKEN_EXPIRED");
    const skewed = await signAccessToken(subject, secret, new Date(Date.now() - 301_000 - 5_000));
    await expect(verifyAccessToken(skewed.jwt, secret)).resolves.toMatchObject({ username: "alice" });
  });

  it("refuses a forged signature, alg none, another algorithm and another issuer", async () => {
    const { jwt } = await signAccessToken(subject, secret);
    expect((await refusal(jwt, "another-secret-that-is-long-enough-too!!")).code).toBe("TOKEN_INVALID");

    const [, payload] = jwt.split(".");
    expect((await refusal(`${b64({ alg: "none", typ: "JWT" })}.${payload}.`)).code).toBe("TOKEN_INVALID");

    const claims = JSON.parse(Buffer.from(payload as string, "base64url").toString());
    const key = new TextEncoder().encode(secret);
    const hs512 = await new SignJWT(claims).setProtectedHeader({ alg: "HS512" }).sign(key);
    expect((await refusal(hs512)).code).toBe("TOKEN_INVALID");
    const otherIssuer = await new SignJWT({ ...claims, iss: "evil" }).setProtectedHeader({ alg: "HS256" }).sign(key);
    expect((await refusal(otherIssuer)).code).toBe("TOKEN_INVALID");
    const badSubject = await new SignJWT({ ...claims, sub: "admin" }).setProtectedHeader({ alg: "HS256" }).sign(key);
    expect((await refusal(badSubject)).code).toBe("TOKEN_INVALID");
  });

  it("refuses an iat in the future beyond the clock skew, and allows one within it", async () => {
    const ahead = await signAccessToken(subject, secret, new Date(Date.now() + (CLOCK_SKEW_SECONDS + 90) * 1000));
    expect((await refusal(ahead.jwt)).code).toBe("TOKEN_INVALID");
    const slightly = await signAccessToken(subject, secret, new Date(Date.now() + (CLOCK_SKEW_SECONDS - 10) * 1000));
    await expect(verifyAccessToken(slightly.jwt, secret)).resolves.toMatchObject({ username: "alice" });
  });

  it("refuses a token older than its lifetime, whatever its exp says", async () => {
    const { jwt } = await signAccessToken(subject, secret);
    const claims = JSON.parse(Buffer.from(jwt.split(".")[1] as string, "base64url").toString());
    const now = Math.floor(Date.now() / 1000);
    const old = { ...claims, iat: now - ACCESS_TOKEN_SECONDS - CLOCK_SKEW_SECONDS - 60, exp: now + 3600 };
    const signed = await new SignJWT(old).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(secret));
    expect((await refusal(signed)).code).toBe("TOKEN_EXPIRED");
  });

  it("returns the audience, and refuses a token without one or with a list of them", async () => {
    const { jwt } = await signAccessToken(subject, secret);
    expect((await verifyAccessToken(jwt, secret)).audience).toBe("c1");
    const { aud: _aud, ...claims } = JSON.parse(Buffer.from(jwt.split(".")[1] as string, "base64url").toString());
    const key = new TextEncoder().encode(secret);
    const none = await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(key);
    expect((await refusal(none)).code).toBe("TOKEN_INVALID");
    const list = await new SignJWT({ ...claims, aud: ["c1", "other"] }).setProtectedHeader({ alg: "HS256" }).sign(key);
    expect((await refusal(list)).code).toBe("TOKEN_INVALID");
  });

  it("refuses garbage", async () => {
    for (const garbage of ["", "abc", "a.b.c", `${b64({ alg: "HS256" })}.e30.`]) {
      expect((await refusal(garbage)).code).toBe("TOKEN_INVALID");
    }
  });
});
