import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test-support/api-harness.ts";

const TOKENS = "/api/v1/auth/tokens";
const USERS = "/api/v1/usermgmt/users";

// The API verifies each access token once and keeps what it says (VerifiedTokens); the session's
// check still runs on every request, so revoking ends a token it already verified, at once here.
describe("a token verified from memory ends with its session", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    await api.createUser("carol", "carol-password", ["CCKM Admins"]);
  });
  afterAll(async () => {
    await api.close();
  });

  const status = async (token: string) => (await api.request("GET", USERS, { token })).status;

  it("is refused once its session is revoked, or its user deleted; another session's token is not", async () => {
    const first = await api.login("carol", "carol-password");
    const second = await api.login("carol", "carol-password");
    for (let i = 0; i < 3; i++) expect(await status(first.jwt)).toBe(200);
    expect((await api.request("DELETE", `${TOKENS}/${first.refresh_token_id}`, { token: second.jwt })).status).toBe(
      204,
    );
    expect(await status(first.jwt)).toBe(401);
    expect(await status(second.jwt)).toBe(200);

    const dan = await api.createUser("dan", "dan-password", ["CCKM Admins"]);
    const dans = await api.login("dan", "dan-password");
    expect(await status(dans.jwt)).toBe(200);
    expect((await api.request("DELETE", `${USERS}/${dan.id}`, { token: second.jwt })).status).toBe(204);
    expect(await status(dans.jwt)).toBe(401);
  });
});
