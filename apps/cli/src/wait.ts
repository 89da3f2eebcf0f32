// Following submitted jobs to DONE or FAILED: live from the API's event streams; by polling only when
// the API serves none (it refuses streams for now, or does not offer them).
import { type ApiClient, sleep } from "./api-client.ts";
import { CliError } from "./errors.ts";
import { FINAL, followJobs, JOBS, type JobTracker, refreshUnfinished } from "./jobs.ts";
import { note } from "./output.ts";
import { watchEvents } from "./sse.ts";

/** How often jobs are read when there is no event stream. */
export const POLL_MS = 2000;

/** True (after a note, once per process) when `error` says the API serves no stream: then poll. */
let noted = false;
export function isNoStream(error: unknown): boolean {
  if (!(error instanceof CliError) || error.code !== "NO_STREAM") return false;
  if (!noted) note(`${error.message}; polling every ${POLL_MS / 1000} s instead`);
  noted = true;
  return true;
}

/** Reads the jobs `ids()` names every POLL_MS until `done()` or the signal aborts. */
async function poll(
  client: ApiClient,
  tracker: JobTracker,
  ids: () => string[],
  signal: AbortSignal,
  done: () => boolean,
) {
  while (!signal.aborted && !done()) {
    await followJobs(client, tracker, ids());
    if (done()) return;
    await sleep(POLL_MS, signal);
  }
}

/** Each job's own stream (from its first event, so nothing before is missed) until every job ended. */
export async function waitPerJob(client: ApiClient, tracker: JobTracker, signal: AbortSignal): Promise<void> {
  await Promise.all(
    tracker.unfinished.map(async (job) => {
      let lastId: string | undefined;
      const ended = () => FINAL.has(tracker.jobs.get(job.id)?.state ?? "");
      while (!signal.aborted && !ended()) {
        lastId = await watchEvents(
          client,
          `${JOBS}/${job.id}/events`,
          {},
          {
            signal,
            stopWhenEnded: true,
            ...(lastId ? { lastEventId: lastId } : {}),
            onEvent: (event) => {
              tracker.apply(event);
              return FINAL.has(event.to_state);
            },
          },
        ).catch(async (error: unknown) => {
          if (!isNoStream(error)) throw error;
          await poll(client, tracker, () => [job.id], signal, ended);
          return lastId;
        });
      }
    }),
  );
}

/**
 * The list's stream (opened before the first submit, so no event is missed) fed to the tracker
 * until `done()` says so; a read of the unfinished jobs closes any gap of a stream that dropped.
 */
export function watchList(
  client: ApiClient,
  tracker: JobTracker,
  operation: string,
  signal: AbortSignal,
): { opened: Promise<void>; finished: Promise<void> } {
  let markOpened: () => void = () => {};
  let failOpen: (error: unknown) => void = () => {};
  const opened = new Promise<void>((resolve, reject) => {
    markOpened = resolve;
    failOpen = reject;
  });
  const finished = (async () => {
    let lastId: string | undefined;
    while (!signal.aborted) {
      try {
        lastId = await watchEvents(
          client,
          JOBS,
          { watch: true, operation },
          {
            signal,
            ...(lastId ? { lastEventId: lastId } : {}),
            onOpen: markOpened,
            onEvent: (event) => {
              tracker.apply(event);
              return undefined;
            },
          },
        );
      } catch (error) {
        if (!isNoStream(error)) throw error;
        markOpened(); // the submits may start: their answers are tracked, and polled from then on
        const unfinished = () => tracker.unfinished.map((j) => j.id);
        return poll(client, tracker, unfinished, signal, () => false);
      }
      if (!signal.aborted) await refreshUnfinished(client, tracker);
    }
  })();
  // A stream that cannot be opened at all ends the wait for it with its error.
  finished.then(markOpened, failOpen);
  return { opened, finished };
}
