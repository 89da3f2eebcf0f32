import { liveProcesses } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CCKM_BIN, type CliHome, type CliStack, startCliStack } from "../support/cli-process.ts";
import { JOBS, syncAll } from "../support/jobs-fixture.ts";
import { ADMIN_PASSWORD, type TestStack } from "../support/stack-processes.ts";
import { shellLine, type TmuxSession, tmuxRun } from "../support/tmux.ts";

const KEYS = 20;

/** The CLI in a real pseudo-terminal (tmux): the password prompt, tables, the confirmation and the progress display. */
describe("cckm in a terminal", () => {
  let stack: TestStack;
  let home: CliHome;
  let on: CliStack | undefined;
  const sessions: TmuxSession[] = [];
  const terminal = async (name: string, args: string[]) => {
    const session = await tmuxRun(name, shellLine(CCKM_BIN, { ...home.env, TERM: "xterm-256color" }, args), home.dir);
    sessions.push(session);
    return session;
  };

  beforeAll(async () => {
    on = await startCliStack();
    ({ stack, home } = on);
    const group = await stack.sap.admin.createGroup("tty-group");
    const client = stack.sap.client();
    for (let i = 0; i < KEYS; i++) {
      await client.createKey({ name: `tty-${i}`, groupId: group.id, type: "AES", size: 256, exportable: true });
    }
    await syncAll(stack);
  });
  afterAll(async () => {
    for (const s of sessions) await s.kill();
    await on?.stop();
    expect(liveProcesses()).toBe(0);
  });

  it("asks for the password without echoing it", async () => {
    const login = await terminal("login", ["login", "--url", stack.apiUrl]);
    await login.waitForScreen((s) => s.includes("Password for admin"));
    await login.type(ADMIN_PASSWORD);
    const screen = await login.waitForScreen((s) => s.includes("[exited"));
    expect(screen).toContain("signed in");
    expect(screen).toContain("[exited 0]");
    expect(screen).not.toContain(ADMIN_PASSWORD);
  });

  it("prints tables on a terminal", async () => {
    const list = await terminal("list", ["sap", "keys", "list", "--sap-group-name", "tty-group", "--limit", "5"]);
    const screen = await list.waitForScreen((s) => s.includes("[exited"));
    expect(screen).toMatch(/│ name\s+│ id\s+│ type/);
    expect(screen).toContain("5 shown of 20");
    expect(screen).toContain("[exited 0]");
  });

  it("confirms the plan, shows the progress live and ends with the summary", async () => {
    const args = ["sap", "keys", "delete", "--filter", "sap_group_name=tty-group", "--rate", "5"];
    const bulk = await terminal("bulk", args);
    await bulk.waitForScreen((s) => s.includes("[y/N]"));
    expect(await bulk.screen()).toContain(`Plan: delete ${KEYS} key(s)`);
    await bulk.type("y");
    // The bar while the run goes on: its counters, before the end.
    const running = await bulk.waitForScreen((s) => /submitted \d+ \| in progress \d+ \| done \d+ \| failed 0/.test(s));
    expect(running).not.toContain("[exited");
    const screen = await bulk.waitForScreen((s) => s.includes("[exited"), 120_000);
    const final = `${KEYS}/${KEYS} \\| submitted ${KEYS} \\| in progress 0 \\| done ${KEYS} \\| failed 0`;
    expect(screen).toMatch(new RegExp(final));
    expect(screen).toMatch(/│ DONE\s+│ 20\s+│/);
    expect(screen).toMatch(/results: .*cckm-delete-.*\.json/);
    expect(screen).toContain("[exited 0]");
    const jobs = await stack.call("GET", `${JOBS}?operation=delete&state=DONE`);
    expect(jobs.body.total).toBe(KEYS);
  });
});
