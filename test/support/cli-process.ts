// The built `cckm` CLI as a real process: bundled once per test file (as `npm run generate` does),
// run with its own config dir (XDG_CONFIG_HOME) so profiles never leak between tests.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot, trackProcess } from "@cckm/testkit";
import { connectAndSync } from "./jobs-fixture.ts";
import { ADMIN_PASSWORD, type StackOptions, startStack, type TestStack } from "./stack-processes.ts";

export const CCKM_BIN = join(repoRoot, "apps/cli/bin/cckm.mjs");
let built: Promise<void> | undefined;

/** Bundles apps/cli into dist/cckm.mjs (the bin imports it); once per test file. */
export function buildCli(): Promise<void> {
  const bundle = async () => {
    const args = ["../../scripts/bundle.mjs", "src/main.ts", "dist/cckm.mjs"];
    await promisify(execFile)(process.execPath, args, { cwd: join(repoRoot, "apps/cli") });
  };
  built ??= bundle();
  return built;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliHome {
  dir: string;
  /** The environment every CLI run of this home gets (no inherited CCKM_* variables). */
  env: Record<string, string>;
  profilesFile: string;
  readProfiles(): Promise<{ profiles: Record<string, Record<string, any>> }>;
  writeProfiles(value: unknown): Promise<void>;
  remove(): Promise<void>;
}

export async function cliHome(): Promise<CliHome> {
  const dir = await mkdtemp(join(tmpdir(), "cckm-cli-"));
  const profilesFile = join(dir, "config", "cckm", "profiles.json");
  return {
    dir,
    env: { PATH: process.env.PATH ?? "", HOME: dir, XDG_CONFIG_HOME: join(dir, "config"), LANG: "C.UTF-8" },
    profilesFile,
    readProfiles: async () => JSON.parse(await readFile(profilesFile, "utf8")),
    writeProfiles: (value) => writeFile(profilesFile, JSON.stringify(value)),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface RunningCli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once `check(stdout, stderr)` holds; rejects if the process exits first or after `ms`. */
  waitFor(check: (stdout: string, stderr: string) => boolean, ms?: number): Promise<void>;
  done: Promise<CliResult>;
}

export function spawnCli(
  home: CliHome,
  args: string[],
  options: { env?: Record<string, string>; input?: string; cwd?: string } = {},
): RunningCli {
  const child = spawn(process.execPath, [CCKM_BIN, ...args], {
    cwd: options.cwd ?? home.dir,
    env: { ...home.env, ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  // Left running by a failing test, the file's process guard kills it.
  trackProcess(child);
  let stdout = "";
  let stderr = "";
  const watchers = new Set<() => void>();
  child.stdout.on("data", (c: Buffer) => {
    stdout += c.toString("utf8");
    for (const w of watchers) w();
  });
  child.stderr.on("data", (c: Buffer) => {
    stderr += c.toString("utf8");
    for (const w of watchers) w();
  });
  if (options.input !== undefined) child.stdin.end(options.input);
  else child.stdin.end();
  const done = new Promise<CliResult>((resolve) =>
    child.once("close", (code, signal) => {
      for (const w of watchers) w();
      resolve({ code, signal, stdout, stderr });
    }),
  );
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    done,
    waitFor(check, ms = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`not seen within ${ms} ms:\n${stdout}\n${stderr}`)), ms);
        const finish = (error?: Error) => {
          clearTimeout(timer);
          watchers.delete(test);
          if (error) reject(error);
          else resolve();
        };
        const test = () => {
          if (check(stdout, stderr)) finish();
          else if (child.exitCode !== null || child.signalCode !== null)
            finish(new Error(`cckm exited (${child.exitCode ?? child.signalCode}) first:\n${stdout}\n${stderr}`));
        };
        watchers.add(test);
        test();
      });
    },
  };
}

/** Runs `cckm args…` to its end. */
export function runCli(
  home: CliHome,
  args: string[],
  options: { env?: Record<string, string>; input?: string; cwd?: string } = {},
): Promise<CliResult> {
  return spawnCli(home, args, options).done;
}

/** `cckm login --url apiUrl` as the stack's admin (the password from CCKM_PASSWORD); throws when it fails. */
export async function loginCli(home: CliHome, apiUrl: string): Promise<void> {
  const login = await runCli(home, ["login", "--url", apiUrl], { env: { CCKM_PASSWORD: ADMIN_PASSWORD } });
  if (login.code !== 0) throw new Error(`cckm login exited ${login.code}: ${login.stderr}`);
}

export interface CliStack {
  stack: TestStack;
  home: CliHome;
  /** Removes the home, then stops the stack. */
  stop(): Promise<void>;
}

/**
 * What every CLI test file starts from: the stack (`stack` options) with the CLI built beside it, a
 * home of its own, the demo tenant connected and synchronized, and with `login` the home signed in.
 */
export async function startCliStack(options: { stack?: StackOptions; login?: boolean } = {}): Promise<CliStack> {
  const [stack] = await Promise.all([startStack(options.stack), buildCli()]);
  let home: CliHome | undefined;
  try {
    home = await cliHome();
    await connectAndSync(stack);
    if (options.login) await loginCli(home, stack.apiUrl);
  } catch (error) {
    await home?.remove();
    await stack.stop();
    throw error;
  }
  const started = home;
  return {
    stack,
    home: started,
    async stop() {
      await started.remove();
      await stack.stop();
    },
  };
}

/** What a failing command must look like: one line on stderr, no stack trace. */
export function oneLineError(result: CliResult): string {
  const lines = result.stderr.trim().split("\n");
  if (lines.length !== 1 || !lines[0]?.startsWith("error: ") || /\n\s+at /.test(result.stderr)) {
    throw new Error(`not a one-line error: ${JSON.stringify(result.stderr)}`);
  }
  return lines[0];
}
