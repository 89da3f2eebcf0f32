import { stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { liveProcesses } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliHome, type CliStack, oneLineError, runCli, startCliStack } from "../support/cli-process.ts";
import { sapKey } from "../support/jobs-fixture.ts";
import { ADMIN_PASSWORD, type TestStack, waitFor } from "../support/stack-processes.ts";

/** `cckm login`, profiles, token renewal, logout and reads: the built CLI against the real stack over HTTPS. */
describe("cckm: sessions and reads", () => {
  let stack: TestStack;
  let home: CliHome;
  let on: CliStack | undefined;
  let url: string;
  const password = { CCKM_PASSWORD: ADMIN_PASSWORD };
  const cckm = (args: string[], env: Record<string, string> = {}, input?: string) =>
    runCli(home, args, { env, ...(input !== undefined ? { input } : {}) });

  beforeAll(async () => {
    // Access tokens of 2 s, so the CLI has to renew its own within the test.
    on = await startCliStack({ stack: { https: true, env: { ACCESS_TOKEN_TTL_SECONDS: "2" } } });
    ({ stack, home } = on);
    url = (stack.https as { url: string }).url;
    await sapKey(stack, { name: "cli-read-aes", type: "AES" });
    await sapKey(stack, { name: "cli-read-rsa", type: "RSA" });
  });
  afterAll(async () => {
    await on?.stop();
    expect(liveProcesses()).toBe(0);
  });

  it("refuses a self-signed certificate unless --insecure, or trusted by NODE_EXTRA_CA_CERTS", async () => {
    const refused = await cckm(["login", "--url", url], password);
    expect(refused.code).toBe(4);
    expect(oneLineError(refused)).toMatch(/not trusted .*--insecure/);
    const ca = join(home.dir, "ca.pem");
    await writeFile(ca, (stack.https as { ca: string }).ca);
    const trustedEnv = { ...password, NODE_EXTRA_CA_CERTS: ca };
    const trusted = await cckm(["--profile", "trusted", "login", "--url", url], trustedEnv);
    expect(trusted.code, trusted.stderr).toBe(0);
  });

  it("signs in with CCKM_PASSWORD into a 0600 profile file, several profiles side by side", async () => {
    const login = await cckm(["login", "--url", url, "--insecure", "--user", "admin"], password);
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toContain("signed in");
    expect(login.stdout + login.stderr).not.toContain(ADMIN_PASSWORD);
    const file = await stat(home.profilesFile);
    expect(file.mode & 0o777).toBe(0o600);
    const again = await cckm(["--profile", "second", "login", "--url", url, "--insecure"], {}, `${ADMIN_PASSWORD}\n`);
    // No TTY and no CCKM_PASSWORD: refused with what to do instead (never a hang on a prompt).
    expect(again.code).toBe(2);
    expect(oneLineError(again)).toMatch(/CCKM_PASSWORD/);
    const stdinLogin = ["--profile", "second", "login", "--url", url, "--insecure", "--password-stdin"];
    const piped = await cckm(stdinLogin, {}, `${ADMIN_PASSWORD}\n`);
    expect(piped.code, piped.stderr).toBe(0);
    const profiles = (await home.readProfiles()).profiles;
    expect(Object.keys(profiles).sort()).toEqual(["default", "second", "trusted"]);
    expect(profiles.default?.refresh_token).not.toEqual(profiles.second?.refresh_token);
    expect(JSON.stringify(profiles)).not.toContain(ADMIN_PASSWORD);
  });

  it("warns when the password comes as a flag", async () => {
    const flagLogin = ["--profile", "flag", "login", "--url", url, "--insecure", "--password", ADMIN_PASSWORD];
    const flagged = await cckm(flagLogin);
    expect(flagged.code).toBe(0);
    expect(flagged.stderr).toMatch(/warning: --password leaves the password in your shell history/);
  });

  it("renews the short-lived JWT by itself past its lifetime, and after a 401", async () => {
    const before = (await home.readProfiles()).profiles.default as { jwt: string; jwt_expires_at: number };
    await waitFor(
      async () => Date.now(),
      (now) => now > before.jwt_expires_at,
      10_000,
    );
    const list = await cckm(["sap", "keys", "list", "--json"]);
    expect(list.code, list.stderr).toBe(0);
    const after = (await home.readProfiles()).profiles.default as { jwt: string; jwt_expires_at: number };
    expect(after.jwt).not.toBe(before.jwt);
    expect(after.jwt_expires_at).toBeGreaterThan(before.jwt_expires_at);
    // A token the API refuses (401) is renewed and the call made again.
    const all = await home.readProfiles();
    (all.profiles.default as { jwt: string; jwt_expires_at: number }).jwt = "not-a-jwt";
    (all.profiles.default as { jwt_expires_at: number }).jwt_expires_at = Date.now() + 3_600_000;
    await home.writeProfiles(all);
    const retried = await cckm(["sap", "keys", "list", "--json"]);
    expect(retried.code, retried.stderr).toBe(0);
    expect((await home.readProfiles()).profiles.default?.jwt).not.toBe("not-a-jwt");
  });

  it("lists with the API's filters as flags, as JSON when piped; --all pages through", async () => {
    const aes = JSON.parse((await cckm(["sap", "keys", "list", "--type", "AES", "--name", "cli-read-aes"])).stdout);
    expect(aes.total).toBe(1);
    expect(aes.resources[0]).toMatchObject({ name: "cli-read-aes", sap_param: { type: "AES" } });
    const paged = JSON.parse((await cckm(["sap", "keys", "list", "--all", "--limit", "1"])).stdout);
    const total = JSON.parse((await cckm(["sap", "keys", "list", "--limit", "1"])).stdout).total;
    expect(paged.resources.length).toBe(total);
    const got = JSON.parse((await cckm(["sap", "keys", "get", "cli-read-rsa"])).stdout);
    expect(got.sap_param.type).toBe("RSA");
    const bySapId = JSON.parse((await cckm(["sap", "keys", "get", got.sap_param.sap_key_id])).stdout);
    expect(bySapId.id).toBe(got.id);
    const reads = [
      ["sap", "groups", "list"],
      ["sap", "connections", "list"],
      ["sap", "jobs", "list"],
      ["aws", "keys", "list"],
      ["oci", "keys", "list"],
    ];
    for (const args of reads) {
      const listed = await cckm(args);
      expect(listed.code, listed.stderr).toBe(0);
      expect(JSON.parse(listed.stdout)).toHaveProperty("resources");
    }
  });

  it("answers bad input with one line and a non-zero exit, never a stack trace", async () => {
    const cases: Array<[string[], number, RegExp]> = [
      [["sap", "keys", "list", "--limit", "many"], 2, /--limit: must be a number/],
      [["sap", "keys", "list", "--type", "DES"], 2, /HTTP 400/],
      [["sap", "keys", "get", "no-such-key"], 2, /no such key/],
      [["sap", "jobs", "get", "not-a-uuid"], 2, /HTTP 400/],
      [["sap", "keys", "delete"], 2, /name at least one key/],
      [["sap", "keys", "delete", "--filter", "colour=blue", "--dry-run"], 2, /unknown field "colour"/],
      [["sap", "nonsense"], 2, /unknown command/],
      [["--profile", "../etc", "sap", "keys", "list"], 2, /not a profile name/],
      [["--profile", "nobody", "sap", "keys", "list"], 3, /not signed in/],
      [["login", "--url", "ftp://x"], 2, /--url/],
    ];
    for (const [args, code, message] of cases) {
      const result = await cckm(args);
      expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(code);
      expect(oneLineError(result)).toMatch(message);
    }
  });

  it("logs out: the session ends on the server, so its refresh token no longer works", async () => {
    const profile = (await home.readProfiles()).profiles.second as { refresh_token: string };
    const out = await cckm(["--profile", "second", "logout"]);
    expect(out.code, out.stderr).toBe(0);
    const refresh = await fetch(`${stack.apiUrl}/api/v1/auth/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "refresh_token", refresh_token: profile.refresh_token }),
    });
    expect(refresh.status).toBe(401);
    const after = await cckm(["--profile", "second", "sap", "keys", "list"]);
    expect(after.code).toBe(3);
    expect(oneLineError(after)).toMatch(/not signed in/);
    // The other profiles are untouched.
    expect((await cckm(["sap", "keys", "list", "--json"])).code).toBe(0);
  });

  it("leaves no password, refresh token or JWT in the API's log after all these sessions", async () => {
    const secrets = [ADMIN_PASSWORD];
    for (const p of Object.values((await home.readProfiles()).profiles)) {
      for (const field of ["refresh_token", "jwt"]) if (typeof p[field] === "string") secrets.push(p[field]);
    }
    expect(secrets.length).toBeGreaterThan(3);
    const log = stack.api.output();
    expect(log).toMatch(/"route":"\/auth\/tokens"/);
    for (const secret of secrets) expect(log.includes(secret), "a secret in the API log").toBe(false);
  });
});
