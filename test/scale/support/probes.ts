import type { TestProcess } from "@cckm/testkit";
import { waitFor } from "../../support/wait-for.ts";

/** /readyz of a process until it answers 200 (bounded; a process that exits first fails it). */
export async function untilReady(url: string, process: TestProcess, timeoutMs = 60_000): Promise<void> {
  await waitFor(
    async () => {
      if (process.child.exitCode !== null) throw new Error(`exited before ready:\n${process.output()}`);
      return fetch(`${url}/readyz`).then(
        (r) => r.status,
        () => 0,
      );
    },
    (status) => status === 200,
    timeoutMs,
  );
}

/** A worker's reconciler leadership, from its /metrics (cckm_reconciler_leader). */
export async function isLeader(healthUrl: string): Promise<boolean | undefined> {
  const text = await fetch(`${healthUrl}/metrics`).then(
    (r) => r.text(),
    () => "",
  );
  const match = /^cckm_reconciler_leader(?:\{[^}]*\})? (\d+)/m.exec(text);
  return match ? match[1] === "1" : undefined;
}

/** The health URL of a worker process, from the line it logs once it serves it. */
export const healthUrlOf = (worker: TestProcess): string => {
  const line = worker.output().match(/worker health on (http:\/\/[^\s"]+)/)?.[1];
  if (!line) throw new Error(`no health URL in the worker's output:\n${worker.output()}`);
  return line;
};

/** A process's /readyz: its status and the Redis check. */
export async function readyz(url: string) {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as { checks: { redis: { ok: boolean; error?: string } } } };
}
