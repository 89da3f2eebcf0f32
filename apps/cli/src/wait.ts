// Following submitted jobs to DONE or FAILED: live from the API's event streams, never by polling.
import type { ApiClient } from "./api-client.ts";
import { FINAL, JOBS, type JobTracker, refreshUnfinished } from "./jobs.ts";
import { watchEvents } from "./sse.ts";

/** Each job's own stream (from its first event, so nothing before is missed) until every job ended. */
export async function waitPerJob(client: ApiClient, tracker: JobTracker, signal: AbortSignal): Promise<void> {
  await Promise.all(
    tracker.unfinished.map(async (job) => {
      let lastId: string | undefined;
      while (!signal.aborted && !FINAL.has(tracker.jobs.get(job.id)?.state ?? "")) {
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
        );
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
      if (!signal.aborted) await refreshUnfinished(client, tracker);
    }
  })();
  // A stream that cannot be opened at all ends the wait for it with its error.
  finished.then(markOpened, failOpen);
  return { opened, finished };
}
