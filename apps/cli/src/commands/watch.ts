// `cckm sap jobs watch`: job state changes as they happen (the API's event stream), until Ctrl-C.
import type { Command } from "commander";
import { type ApiClient, type Query, sleep } from "../api-client.ts";
import { clientOf, globalsOf, interruptSignal } from "../context.ts";
import { usage } from "../errors.ts";
import { JOB_STATES, JOBS } from "../jobs.ts";
import type { Envelope } from "../lists.ts";
import { wantsJson } from "../output.ts";
import type { JobResource } from "../resources.ts";
import { type JobEvent, watchEvents } from "../sse.ts";
import { isNoStream, POLL_MS } from "../wait.ts";

const STATES: readonly string[] = JOB_STATES;

function line(e: JobEvent): string {
  const time = e.created_at.slice(11, 19);
  const move = `${e.from_state ?? "new"} → ${e.to_state}`.padEnd(24);
  const code = e.error_code ? `  ${e.error_code}` : "";
  return `${time}  ${(e.operation ?? "").padEnd(7)}  ${move}  job ${e.job_id}  key ${e.cckm_key_id ?? e.key_id}${code}`;
}

/**
 * Without an event stream: the list (most recently changed first) read every POLL_MS; a job seen in a
 * new state is shown as a change (from what it was at the last read). What stood at the first read is
 * not shown: like the stream, the view starts from now.
 */
async function pollJobs(client: ApiClient, query: Query, signal: AbortSignal, show: (e: JobEvent) => boolean) {
  const states = new Map<string, string>();
  for (let first = true; !signal.aborted; first = false) {
    const page = await client.get<Envelope<JobResource>>(JOBS, { ...query, sort: "-updatedAt", limit: 200 });
    for (const job of page.resources.reverse()) {
      const before = states.get(job.id);
      states.set(job.id, job.state);
      if (first || before === job.state) continue;
      const event: JobEvent = {
        id: "",
        job_id: job.id,
        cckm_key_id: job.cckm_key_id,
        key_id: job.key_id,
        operation: job.operation,
        from_state: before ?? null,
        to_state: job.state,
        actor: "",
        reason: job.error ?? null,
        error_code: job.error_code ?? null,
        created_at: job.updatedAt,
      };
      if (show(event)) return;
    }
    await sleep(POLL_MS, signal);
  }
}

export function registerWatch(jobs: Command): void {
  jobs
    .command("watch")
    .description("a live view of jobs as they move (Ctrl-C to stop)")
    .option("--state <state>", `only changes into this state (${JOB_STATES.join(", ")})`)
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
      const client = clientOf(command as Command);
      const query = { state, operation: options.operation, cckm_key_id: options.key };
      const show = (event: JobEvent) => {
        process.stdout.write(`${json ? JSON.stringify(event) : line(event)}\n`);
        return ++seen >= max;
      };
      await watchEvents(
        client,
        JOBS,
        { watch: true, ...query },
        { signal, onOpen: () => process.stderr.write("connected\n"), onEvent: show },
      ).catch((error: unknown) => {
        if (!isNoStream(error)) throw error;
        return pollJobs(client, query, signal, show);
      });
    });
}
