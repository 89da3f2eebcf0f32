import { type ChildProcess, spawn } from "node:child_process";

export interface Service {
  name: string;
  /** Entry point, relative to the repository root (`.ts`: run with tsx; else plain node). */
  entry: string;
  env: Record<string, string>;
}

export interface RunningService {
  service: Service;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** SIGTERM (or `signal`), then SIGKILL after 15 s; resolves when the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts an app with the launcher's stdout and stderr (what `npm start` shows). */
export function startService(root: string, service: Service, nodeArgs: string[] = []): RunningService {
  const loader = service.entry.endsWith(".ts") ? ["--import", "tsx"] : [];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, service.entry], {
    cwd: root,
    env: { ...process.env, ...service.env },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const running: RunningService = { service, child, exited, stop: (signal) => stopService(running, signal) };
  return running;
}

/** Polls readyUrl until it answers 200; fails when the process exits first or time runs out. */
export async function waitUntilReady(
  running: { name: string; child: ChildProcess; readyUrl: string },
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null || running.child.signalCode !== null) {
      throw new Error(
        `${running.name} exited with ${running.child.exitCode ?? running.child.signalCode} before it was ready`,
      );
    }
    try {
      const res = await fetch(running.readyUrl, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${running.name} was not ready within ${timeoutMs} ms (${running.readyUrl}: ${last})`);
}

/** SIGTERM (or `signal`), then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function stopService(
  running: RunningService,
  signal: NodeJS.Signals = "SIGTERM",
  graceMs = 15_000,
): Promise<number | null> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return running.exited;
  running.child.kill(signal);
  const timer = setTimeout(() => running.child.kill("SIGKILL"), graceMs);
  const code = await running.exited;
  clearTimeout(timer);
  return code;
}
