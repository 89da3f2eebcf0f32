// A pseudo-terminal for tests: a command run in a tmux pane of a private tmux server, read back
// with capture-pane and typed into with send-keys.
import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import { promisify } from "node:util";
import { waitFor } from "./stack-processes.ts";

const run = promisify(execFile);

export interface TmuxSession {
  /** What the pane shows now (text, without escape sequences). */
  screen(): Promise<string>;
  /** Polls the screen until `check` holds. */
  waitForScreen(check: (screen: string) => boolean, timeoutMs?: number): Promise<string>;
  type(keys: string, enter?: boolean): Promise<void>;
  kill(): Promise<void>;
}

/**
 * Runs `command` (a shell command line) in a 200×50 terminal. When it ends the pane prints
 * `[exited N]` and stays open (reading stdin) so its last screen can be read.
 */
export async function tmuxRun(name: string, command: string, cwd: string): Promise<TmuxSession> {
  const socket = `cckm-${process.pid}-${name}`;
  // -u: UTF-8 whatever the locale (the tables' box drawing, the bar's blocks).
  const tmux = (...args: string[]) => run("tmux", ["-u", "-L", socket, "-f", "/dev/null", ...args]);
  const line = `${command}; echo "[exited $?]"; exec cat`;
  await tmux("new-session", "-d", "-s", name, "-x", "200", "-y", "50", "-c", cwd, line);
  // kill-server leaves the socket file behind: removed by kill() too.
  const socketPath = (await tmux("display-message", "-p", "#{socket_path}")).stdout.trim();
  const screen = async () => (await tmux("capture-pane", "-p", "-J", "-t", name)).stdout;
  return {
    screen,
    waitForScreen: (check, timeoutMs = 60_000) => waitFor(screen, check, timeoutMs),
    async type(keys, enter = true) {
      await tmux("send-keys", "-t", name, "-l", keys);
      if (enter) await tmux("send-keys", "-t", name, "Enter");
    },
    async kill() {
      await tmux("kill-server").catch(() => {});
      if (socketPath) await rm(socketPath, { force: true });
    },
  };
}

/** The shell line that runs the built CLI with this environment. */
export function shellLine(bin: string, env: Record<string, string>, args: string[]): string {
  const q = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
  const vars = Object.entries(env).map(([k, v]) => `${k}=${q(v)}`);
  return `env -i ${vars.join(" ")} ${q(process.execPath)} ${q(bin)} ${args.map(q).join(" ")}`;
}
