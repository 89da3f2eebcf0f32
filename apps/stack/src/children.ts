import { type ChildProcess, spawn } from "node:child_process";

export interface Service {
  name: string;
  /** Entry point, relative to the repository root. */
  entry: string;
  /** URL that answers 200 once the service is ready. */
  readyUrl: string;
  env: Record<string, string>;
}

export interface RunningService {
  service: Service;
  child: ChildProcess;
  exited: Promise<number | null>;
}

export function startService(root: string, service: Service): RunningService {
  const child = spawn(process.execPath, ["--import", "tsx", service.entry], {
    cwd: root,
    env: { ...process.env, ...service.env },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { service, child, exited };
}

/** Polls readyUrl until it answers 200; fails when the process exits first or time runs out. */
export async function waitUntilReady(running: RunningService, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null) {
      throw new Error(`${running.service.name} exited with code ${running.child.exitCode} before it was ready`);
    }
    try {
      const res = await fetch(running.service.readyUrl, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `${running.service.name} was not ready within ${timeoutMs} ms (${running.service.readyUrl}: ${last})`,
  );
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function stopService(running: RunningService, graceMs = 15_000): Promise<void> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return;
  running.child.kill("SIGTERM");
  const timer = setTimeout(() => running.child.kill("SIGKILL"), graceMs);
  await running.exited;
  clearTimeout(timer);
}
