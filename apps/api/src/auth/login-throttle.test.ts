import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test-support/api-harness.ts";

const TOKENS = "/api/v1/auth/tokens";

describe("the per-address sign-in limit (every client of the test shares one address, as behind a load balancer)", () => {
  let api: TestApi;
  const signIn = (username: string, password: string) =>
    api.request("POST", TOKENS, { body: { grant_type: "password", username, password } });
  beforeAll(async () => {
    api = await startTestApi({ loginMaxFailures: 3, loginMaxFailuresPerAddress: 10 });
    await api.createUser("alice", "alice-password", ["CCKM Users"]);
    await api.createUser("mallory", "mallory-password", ["CCKM Users"]);
  });
  afterAll(async () => {
    await api.close();
  });

  it("is not used up by one user's wrong password, however often it is sent", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await signIn("mallory", "a-stale-password")).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(new Set(statuses.slice(3))).toEqual(new Set([429]));
    // Refused attempts counted against nobody: the address holds 3 failures, not 30.
    expect((await signIn("alice", "alice-password")).status).toBe(200);
  });

  it("still stops many usernames guessed from one address, in parallel too", async () => {
    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn(`sprayed-${i}`, "Winter2025!").then((r) => r.status)),
    );
    // 3 failures of mallory's are still in the window: 7 more fit under the limit of 10.
    expect(guesses.filter((s) => s === 401)).toHaveLength(7);
    expect(guesses.filter((s) => s === 429)).toHaveLength(13);
    const locked = await signIn("alice", "alice-password");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
