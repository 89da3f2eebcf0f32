import { ACCESS_TOKEN_SECONDS, CLOCK_SKEW_SECONDS } from "@cckm/auth";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, TEST_JWT_SECRET, type TestApi } from "../test-support/api-harness.ts";

const USERS = "/api/v1/usermgmt/users";
const UNAUTHORIZED = { code: 5, codeDesc: "NCERRUnauthorizedAccess: Unauthorized" };

/**
 * Tokens signed with our own secret (as a leaked secret, a second service sharing it, or a bug in an
 * issuer would make them), naming a live session, but with claims our API never issues.
 */
describe("access token claims: audience and issue time", () => {
  let api: TestApi;
  let claims: Record<string, unknown>;
  beforeAll(async () => {
    api = await startTestApi();
    await api.createUser("alice", "alice-password", ["admin"]);
    const { jwt } = await api.login("alice", "alice-password");
    claims = JSON.parse(Buffer.from(jwt.split(".")[1] as string, "base64url").toString());
  });
  afterAll(async () => {
    await api.close();
  });

  const forge = (changes: Record<string, unknown>, drop: string[] = []) => {
    const payload: Record<string, unknown> = { ...claims, ...changes };
    for (const name of drop) delete payload[name];
    return new SignJWT(payload)
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
  };
  const now = () => Math.floor(Date.now() / 1000);
  const status = async (token: string) => {
    const res = await api.request("GET", USERS, { token });
    return { status: res.status, body: (await res.json()) as unknown };
  };

  it("accepts the token as issued, and a re-signed copy of it", async () => {
    expect(claims.aud).toBe("cckm-sap-jobs");
    expect((await status(await forge({}))).status).toBe(200);
  });

  it("refuses a foreign audience, another client's, a list of audiences and none, with CipherTrust's 401", async () => {
    for (const token of [
      await forge({ aud: "another-service" }),
      // A client of ours, but not the one this session was issued to.
      await forge({ aud: "cckm-bull-board" }),
      await forge({ aud: ["another-service", "cckm-sap-jobs"] }),
      await forge({}, ["aud"]),
    ]) {
      expect(await status(token)).toEqual({ status: 401, body: expect.objectContaining(UNAUTHORIZED) });
    }
  });

  it("refuses an iat beyond the clock skew in the future, and accepts one within it", async () => {
    const ahead = now() + CLOCK_SKEW_SECONDS + 60;
    const future = await forge({ iat: ahead, exp: ahead + ACCESS_TOKEN_SECONDS });
    expect(await status(future)).toEqual({ status: 401, body: expect.objectContaining(UNAUTHORIZED) });

    const within = now() + CLOCK_SKEW_SECONDS - 10;
    expect((await status(await forge({ iat: within, exp: within + ACCESS_TOKEN_SECONDS }))).status).toBe(200);
  });

  it("refuses a token older than its lifetime even when its exp is far away", async () => {
    const old = now() - ACCESS_TOKEN_SECONDS - CLOCK_SKEW_SECONDS - 60;
    const token = await forge({ iat: old, exp: now() + 3600 });
    expect(await status(token)).toEqual({ status: 401, body: expect.objectContaining(UNAUTHORIZED) });
  });
});
