// `cckm sap jobs watch`: job state changes as they happen (the API's event stream), until Ctrl-C.
import type { Command } from "commander";
import { clientOf, globalsOf, interruptSignal } from "../context.ts";
import { usage } from "../errors.ts";
import { JOBS } from "../jobs.ts";
import { wantsJson } from "../output.ts";
import { type JobEvent, watchEvents } from "../sse.ts";

const STATES = ["PENDING", "IN_PROGRESS", "DONE", "FAILED"];

function line(e: JobEvent): string {
  const time = e.created_at.slice(11, 19);
  const move = `${e.from_state ?? "new"} → ${e.to_state}`.padEnd(24);
  const code = e.error_code ? `  ${e.error_code}` : "";
  return `${time}  ${(e.operation ?? "").padEnd(7)}  ${move}  job ${e.job_id}  key ${e.cckm_key_id ?? e.key_id}${code}`;
}

export function registerWatch(jobs: Command): void {
  jobs
    .command("watch")
    .description("a live view of jobs as they move (Ctrl-C to stop)")
    .option("--state <state>", "only changes into this state (PENDING, IN_PROGRESS, DONE, FAILED)")
    .option("--operation <op>", "delete or restore")
    .option("--key <id>", "one key's jobs (its resource id)")
    .option("--max-events <n>", "stop after this many events")
    .action(async (options: { state?: string; operation?: string; key?: string; maxEvents?: string }, command) => {
      const state = options.state?.toUpperCase();
      if (state && !STATES.includes(state)) throw usage(`--state: one of ${STATES.join(", ")}`);
      if (options.operation && !["delete", "restore"].includes(options.operation)) {
        throw usage("--operation: delete or restore");
      }
      const max = options.maxEvents === undefined ? Number.POSITIVE_INFINITY : Number(options.maxEvents);
      if (!(max > 0)) throw usage("--max-events: a positive number");
      const json = wantsJson(globalsOf(command as Command));
      const signal = interruptSignal();
      let seen = 0;
      if (!json) process.stderr.write("watching jobs (Ctrl-C to stop)\n");
      await watchEvents(
        clientOf(command as Command),
        JOBS,
        { watch: true, state, operation: options.operation, cckm_key_id: options.key },
        {
          signal,
          onOpen: () => process.stderr.write("connected\n"),
          onEvent: (event) => {
            process.stdout.write(`${json ? JSON.stringify(event) : line(event)}\n`);
            return ++seen >= max;
          },
        },
      );
    });
}
