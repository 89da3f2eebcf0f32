import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export interface TestProcess {
  child: ChildProcess;
  /** Everything the process wrote so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves with the first output line matching `pattern`; rejects if the process exits first. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (or `signal`) and wait for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const live = new Set<ChildProcess>();

/**
 * Runs an entry point of this repository: a TypeScript one with tsx, as `npm start` does; a bundled
 * one (`.mjs`, from `npm run build`) with plain node, as the containers do.
 */
export function spawnTs(
  entry: string,
  env: Record<string, string | undefined>,
  args: string[] = [],
  nodeArgs: string[] = [],
): TestProcess {
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, LOG_LEVEL: "info", ...env }))
    if (v !== undefined) merged[k] = v;
  const loader = entry.endsWith(".ts") ? ["--import", "tsx"] : [];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, entry, ...args], {
    cwd: repoRoot,
    env: merged,
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  let buffer = "";
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  const onData = (chunk: Buffer) => {
    buffer += chunk.toString("utf8");
    for (const w of [...waiters]) {
      const line = buffer.split("\n").find((l) => w.pattern.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    child.once("exit", (code, signal) => {
      live.delete(child);
      res({ code, signal });
    }),
  );
  return {
    child,
    output: () => buffer,
    exited,
    waitForOutput(pattern, timeoutMs = 60_000) {
      const existing = buffer.split("\n").find((l) => pattern.test(l));
      if (existing !== undefined) return Promise.resolve(existing);
      return new Promise((res, rej) => {
        const timer = setTimeout(
          () => rej(new Error(`no output matching ${pattern} within ${timeoutMs} ms:\n${buffer}`)),
          timeoutMs,
        );
        waiters.push({
          pattern,
          resolve: (line) => {
            clearTimeout(timer);
            res(line);
          },
        });
        void exited.then(({ code, signal }) => {
          clearTimeout(timer);
          rej(new Error(`process exited (${code ?? signal}) before printing ${pattern}:\n${buffer}`));
        });
      });
    },
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Counts a child spawned elsewhere (e.g. a CLI under test) as live until it exits, so the guard kills it if left. */
export function trackProcess(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  live.add(child);
  child.once("exit", () => live.delete(child));
}

/** Kills every process spawnTs started (or trackProcess counted) that still runs, and what runs below it; returns their commands. */
export async function killLiveProcesses(): Promise<string[]> {
  const killed: string[] = [];
  for (const child of [...live]) {
    const pid = child.pid as number;
    for (const p of [...descendants(pid).reverse(), pid]) {
      try {
        process.kill(p, "SIGKILL");
      } catch {
        // already gone
      }
    }
    killed.push(child.spawnargs.slice(-1).join(" "));
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise((resolve) => child.once("exit", resolve));
    }
    live.delete(child);
  }
  return killed;
}

/** Processes started by spawnTs that have not exited; a test file's afterAll asserts none. */
export function liveProcesses(): number {
  return live.size;
}

/** Whether `pid` still runs; a zombie (exited, not yet reaped by its new parent) does not. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/** Every process below `pid` (Linux /proc), children first. */
export function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited while we looked
    }
  }
  const result: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of parents.get(queue.shift() as number) ?? []) {
      result.push(child);
      queue.push(child);
    }
  }
  return result;
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = createServer();
    server.once("error", rej);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => res(port));
    });
  });
}

/**
 * The launcher's spawner for tests and the bench (apps/stack `launchStack({ spawn })`): each app as
 * spawnTs runs it, its output kept, and killed after the file if a test leaves it running.
 */
export function spawnApp(_app: string, entry: string, env: Record<string, string>, nodeArgs: string[]): TestProcess {
  return spawnTs(entry, env, [], nodeArgs);
}
