// `cckm sap keys delete|restore KEY…`: a job per key, followed live with --wait; or a bulk run.
import type { Command } from "commander";
import type { ResultEntry } from "../bulk/results-file.ts";
import { submitAll } from "../bulk/runner.ts";
import { clientOf, globalsOf, interruptSignal } from "../context.ts";
import { CliError, EXIT, usage } from "../errors.ts";
import { JobTracker } from "../jobs.ts";
import { resolveKey } from "../key-ref.ts";
import { note, printJson, renderTable, wantsJson } from "../output.ts";
import { type JobResource, jobColumns } from "../resources.ts";
import { waitPerJob } from "../wait.ts";
import { type BulkOptions, runBulk } from "./bulk.ts";

export type Operation = "delete" | "restore";

interface SubmitOptions extends BulkOptions {
  wait?: boolean;
}

function printJobs(jobs: JobResource[], json: boolean): void {
  if (json) printJson(jobs);
  else if (jobs.length > 0) process.stdout.write(`${renderTable(jobs, jobColumns)}\n`);
}

async function submitKeys(command: Command, operation: Operation, refs: string[], options: SubmitOptions) {
  const client = clientOf(command);
  const json = wantsJson(globalsOf(command));
  const keys = [];
  for (const ref of refs) keys.push({ ref, key: await resolveKey(client, ref) });
  const names = new Map<string, string>();
  const tracker = new JobTracker((job, from) => {
    if (from && options.wait) note(`${names.get(job.id) ?? job.cckm_key_id} (job ${job.id}): ${from} → ${job.state}`);
  });
  const startedAt = new Date().toISOString();
  const entries: ResultEntry[] = keys.map(({ ref, key }) => ({
    key_id: key.id,
    name: ref,
    sap_key_id: key.sap_param.sap_key_id,
    job_id: null,
    state: null,
    outcome: "pending",
  }));
  const signal = interruptSignal();
  await submitAll(client, entries, tracker, {
    operation,
    deleteIfBackupFails: options.deleteIfBackupFails === true,
    concurrency: 1,
    rate: 1000,
    startedAt,
    resuming: false,
    signal,
    changed: () => {},
  });
  let refused = 0;
  for (const e of entries) {
    if (e.job_id) names.set(e.job_id, e.name);
    if (e.outcome === "adopted") note(`key ${e.name} already has job ${e.job_id} (${e.state}); following it`);
    if (e.outcome === "refused" || e.outcome === "error") {
      refused++;
      note(`error: ${operation} of key ${e.name} refused: ${e.error ?? "not submitted"}`);
    } else if (options.wait) note(`${e.name} (job ${e.job_id}): ${e.state}`);
  }
  if (!options.wait) {
    printJobs([...tracker.jobs.values()], json);
    if (refused > 0) process.exitCode = EXIT.failed;
    return;
  }
  await waitPerJob(client, tracker, signal);
  if (signal.aborted) throw new CliError("FAILED", "interrupted; the jobs go on: cckm sap jobs list");
  const jobs = [...tracker.jobs.values()];
  printJobs(jobs, json);
  const failed = jobs.filter((j) => j.state === "FAILED");
  for (const j of failed) {
    const why = j.error ? ` (${j.error})` : "";
    note(`job ${j.id} (key ${names.get(j.id) ?? j.cckm_key_id}) FAILED: ${j.error_code ?? "?"}${why}`);
  }
  if (failed.length > 0 || refused > 0) process.exitCode = EXIT.failed;
}

export function registerSubmit(keys: Command, operation: Operation): void {
  const command = keys
    .command(operation)
    .description(
      operation === "delete"
        ? "delete keys from SAP (a backup is kept): by key, or in bulk with --filter and a plan"
        : "restore deleted keys from their backup: by key, or in bulk with --filter and a plan",
    )
    .argument("[keys...]", "key ids, SAP key ids or names")
    .option("--filter <filters>", "bulk: the keys that match, e.g. 'sap_group_name=finance,type=AES'")
    .option("--wait", "follow each job live until DONE or FAILED; exit 1 if one FAILED")
    .option("--yes", "bulk: do not ask for confirmation")
    .option("--dry-run", "bulk: print the plan and stop")
    .option("--out <file>", "bulk: the results file (key → job → final state)")
    .option("--resume <file>", "bulk: continue the run of this results file (no key gets a second job)")
    .option("--concurrency <n>", "bulk: submissions in flight at once (default 4)")
    .option("--rate <n>", "bulk: at most this many submissions a second (default 20)");
  if (operation === "delete") {
    command.option("--delete-if-backup-fails", "delete even when the key's backup cannot be taken (not exportable)");
  }
  command.action(async (refs: string[], options: SubmitOptions, cmd: Command) => {
    if (options.filter || options.resume) {
      if (refs.length > 0) throw usage("name keys, or give --filter/--resume, not both");
      await runBulk(cmd, operation, options);
      return;
    }
    if (refs.length === 0) throw usage(`name at least one key to ${operation}, or give --filter`);
    await submitKeys(cmd, operation, refs, options);
  });
}
