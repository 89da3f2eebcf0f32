import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { signInCommand } from "./banner.ts";

/** Runs the printed command in bash with a `curl` that prints the body it was given. */
function bodySent(lines: string[], adminPassword?: string): unknown {
  const script = `curl() { while [ "$#" -gt 0 ]; do if [ "$1" = "-d" ]; then printf '%s' "$2"; fi; shift; done; }\n${lines.join("\n")}`;
  const run = spawnSync("bash", ["-c", script], {
    env: { PATH: process.env.PATH, ...(adminPassword ? { ADMIN_PASSWORD: adminPassword } : {}) },
    encoding: "utf8",
  });
  return JSON.parse(run.stdout);
}

describe("the banner's sign-in command", () => {
  it("sends the password from ADMIN_PASSWORD when copied into a shell, not the text $ADMIN_PASSWORD", () => {
    const lines = signInCommand("https://127.0.0.1:3443", true);
    expect(lines.join("\n")).toContain("curl -k -s --compressed https://127.0.0.1:3443/api/v1/auth/tokens");
    expect(bodySent(lines, "pa ss$word 'quoted'")).toEqual({
      grant_type: "password",
      username: "admin",
      password: "pa ss$word 'quoted'",
    });
  });

  it("sends the dev default as written", () => {
    expect(bodySent(signInCommand("https://127.0.0.1:3443", false))).toEqual({
      grant_type: "password",
      username: "admin",
      password: "admin",
    });
  });
});
