// A bulk delete or restore: the plan, a confirmation, bounded submission with a live display, a
// summary and a results file that `--resume` continues.
import { setMaxListeners } from "node:events";
import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import { buildPlan, printPlan } from "../bulk/planner.ts";
import { countsOf, Progress, summaryTable } from "../bulk/progress.ts";
import { loadResults, type ResultEntry, type Results, ResultsWriter } from "../bulk/results-file.ts";
import { submitAll } from "../bulk/runner.ts";
import { clientOf, globalsOf, interruptSignal } from "../context.ts";
import { EXIT, usage } from "../errors.ts";
import { FINAL, followJobs, JobTracker } from "../jobs.ts";
import { parseFilter } from "../lists.ts";
import { note, printJson, wantsJson } from "../output.ts";
import { type JobResource, KEY_FILTERS, type KeyResource } from "../resources.ts";
import { watchList } from "../wait.ts";

export interface BulkOptions {
  filter?: string;
  deleteIfBackupFails?: boolean;
  yes?: boolean;
  dryRun?: boolean;
  out?: string;
  resume?: string;
  concurrency?: string;
  rate?: string;
}

function positive(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max) throw usage(`--${name}: must be a number from 1 to ${max}`);
  return n;
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) throw usage("stdin is not a terminal: pass --yes to go ahead without confirmation");
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(`${question} [y/N] `);
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

const entryOf = (k: KeyResource): ResultEntry => ({
  key_id: k.id,
  name: k.name,
  sap_key_id: k.sap_param.sap_key_id,
  job_id: null,
  state: null,
  outcome: "pending",
});

/** A new run's results from its plan (after confirmation), or the file's of a run to resume. */
async function prepare(command: Command, operation: "delete" | "restore", o: BulkOptions): Promise<Results | null> {
  const client = clientOf(command);
  const json = wantsJson(globalsOf(command));
  if (o.resume) {
    const results = loadResults(o.resume);
    if (results.operation !== operation) throw usage(`--resume: ${o.resume} is a ${results.operation} run`);
    const left = results.keys.filter((k) => !k.state || !FINAL.has(k.state)).length;
    note(`resuming ${o.resume}: ${results.keys.length} key(s), ${left} not finished`);
    return results;
  }
  const filter = o.filter ?? "";
  const query = parseFilter(filter, KEY_FILTERS);
  const plan = await buildPlan(client, operation, filter, query, o.deleteIfBackupFails === true);
  // For scripts (JSON on stdout) the plan goes to stderr, except a dry run's, which is the answer.
  printPlan(plan, json && o.dryRun === true, json && !o.dryRun ? process.stderr : process.stdout);
  if (o.dryRun || plan.keys.length === 0) return null;
  if (!o.yes && !(await confirm(`${operation === "delete" ? "Delete" : "Restore"} ${plan.keys.length} key(s)?`))) {
    note("nothing done");
    return null;
  }
  const now = new Date().toISOString();
  return {
    version: 1,
    operation,
    url: client.baseUrl,
    filter,
    delete_if_backup_fails: o.deleteIfBackupFails === true,
    started_at: now,
    updated_at: now,
    keys: plan.keys.map(entryOf),
  };
}

export async function runBulk(command: Command, operation: "delete" | "restore", o: BulkOptions): Promise<void> {
  const concurrency = positive(o.concurrency, "concurrency", 4, 64);
  const rate = positive(o.rate, "rate", 20, 1000);
  const results = await prepare(command, operation, o);
  if (!results) return;
  const client = clientOf(command);
  const path = o.out ?? o.resume ?? `cckm-${operation}-${results.started_at.replace(/[:.]/g, "-")}.json`;
  const writer = new ResultsWriter(path, results);
  writer.flush();
  note(`results file: ${path}`);

  let submitting = true;
  const byJob = new Map<string, ResultEntry>();
  for (const e of results.keys) if (e.job_id) byJob.set(e.job_id, e);
  const progress = new Progress(results.keys.length);
  let allEnded: () => void = () => {};
  const ended = new Promise<void>((resolve) => {
    allEnded = resolve;
  });
  const update = () => {
    writer.changed();
    const counts = countsOf(results.keys);
    progress.update(counts);
    if (submitting === false && counts.done + counts.failed === counts.total) allEnded();
  };
  const onChange = (job: JobResource) => {
    const entry = byJob.get(job.id) ?? results.keys.find((e) => e.key_id === job.cckm_key_id);
    if (!entry) return;
    byJob.set(job.id, entry);
    entry.job_id = job.id;
    entry.state = job.state;
    if (job.error_code) entry.error_code = job.error_code;
    if (job.error) entry.error = job.error;
    update();
  };
  const tracker = new JobTracker(onChange, new Set(results.keys.map((e) => e.key_id)));
  const signal = interruptSignal();
  const watch = new AbortController();
  setMaxListeners(0, watch.signal);
  signal.addEventListener("abort", () => watch.abort());
  const live = watchList(client, tracker, operation, watch.signal);
  try {
    await live.opened;
    // A resumed run's unfinished jobs: their state now, then their events.
    const resumed = results.keys.filter((e) => e.job_id && !(e.state && FINAL.has(e.state)));
    await followJobs(
      client,
      tracker,
      resumed.map((e) => e.job_id as string),
    );
    await submitAll(client, results.keys, tracker, {
      operation,
      deleteIfBackupFails: results.delete_if_backup_fails,
      concurrency,
      rate,
      startedAt: results.started_at,
      resuming: o.resume !== undefined,
      signal,
      changed: update,
    });
    submitting = false;
    update();
    const interrupted = new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
    if (!signal.aborted) await Promise.race([ended, interrupted]);
  } finally {
    watch.abort();
    progress.stop();
    writer.close();
  }
  if (signal.aborted) {
    note(`interrupted: ${path} holds what was done; run again with --resume ${path}`);
    process.exitCode = EXIT.interrupted;
    return;
  }
  await live.finished.catch(() => {});
  const counts = countsOf(results.keys);
  if (wantsJson(globalsOf(command))) {
    const failures = results.keys.filter(
      (e) => e.state === "FAILED" || e.outcome === "refused" || e.outcome === "error",
    );
    printJson({ results: path, ...counts, failures });
  } else process.stdout.write(`${summaryTable(results.keys)}\nresults: ${path}\n`);
  if (counts.failed > 0) process.exitCode = EXIT.failed;
}
