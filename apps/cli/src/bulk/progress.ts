// The live display of a bulk run on a terminal (stderr), and the summary table at its end.
import cliProgress from "cli-progress";
import { renderTable } from "../output.ts";
import type { ResultEntry } from "./results-file.ts";

export interface Counts {
  total: number;
  submitted: number;
  inProgress: number;
  done: number;
  failed: number;
}

export function countsOf(entries: ResultEntry[]): Counts {
  const c: Counts = { total: entries.length, submitted: 0, inProgress: 0, done: 0, failed: 0 };
  for (const e of entries) {
    if (e.job_id) c.submitted++;
    if (e.state === "IN_PROGRESS") c.inProgress++;
    if (e.state === "DONE") c.done++;
    if (e.state === "FAILED" || e.outcome === "refused" || e.outcome === "error") c.failed++;
  }
  return c;
}

/** A progress bar when stderr is a terminal; nothing otherwise (the summary says it all). */
export class Progress {
  private readonly bar: cliProgress.SingleBar | null;
  private readonly started = Date.now();

  constructor(total: number, enabled = process.stderr.isTTY === true) {
    this.bar = enabled
      ? new cliProgress.SingleBar(
          {
            format:
              "{bar} {value}/{total} | submitted {submitted} | in progress {inProgress} | done {done} | failed {failed} | {elapsed}s | {rate}/s",
            stream: process.stderr,
            hideCursor: true,
            clearOnComplete: false,
            fps: 10,
          },
          cliProgress.Presets.shades_classic,
        )
      : null;
    this.bar?.start(total, 0, { submitted: 0, inProgress: 0, done: 0, failed: 0, elapsed: 0, rate: "0.0" });
  }

  update(c: Counts): void {
    if (!this.bar) return;
    const elapsed = (Date.now() - this.started) / 1000;
    this.bar.update(c.done + c.failed, {
      ...c,
      elapsed: Math.round(elapsed),
      rate: (c.submitted / Math.max(elapsed, 0.001)).toFixed(1),
    });
  }

  stop(): void {
    this.bar?.stop();
  }
}

export function summaryTable(entries: ResultEntry[]): string {
  const byState = new Map<string, number>();
  for (const e of entries) {
    const s = e.state ?? e.outcome.toUpperCase();
    byState.set(s, (byState.get(s) ?? 0) + 1);
  }
  const totals = renderTable(
    [...byState.entries()],
    [
      { header: "state", value: ([s]) => s },
      { header: "keys", value: ([, n]) => n },
    ],
  );
  const failed = entries.filter((e) => e.state === "FAILED" || e.outcome === "refused" || e.outcome === "error");
  if (failed.length === 0) return totals;
  const detail = renderTable(failed.slice(0, 50), [
    { header: "key", value: (e) => e.name },
    { header: "job", value: (e) => e.job_id ?? "" },
    { header: "state", value: (e) => e.state ?? e.outcome },
    { header: "error_code", value: (e) => e.error_code ?? "" },
    { header: "error", value: (e) => (e.error ?? "").slice(0, 80) },
  ]);
  return `${totals}\n${detail}${failed.length > 50 ? `\n… and ${failed.length - 50} more in the results file` : ""}`;
}
