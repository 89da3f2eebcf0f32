// Job events as the API streams them (text/event-stream), resumed with Last-Event-ID after a drop.
import { createParser } from "eventsource-parser";
import { type ApiClient, backoffMs, type Query, sleep } from "./api-client.ts";
import { CliError } from "./errors.ts";

/** One state change of a job (the `data` of an `event: job`). */
export interface JobEvent {
  id: string;
  job_id: string;
  cckm_key_id: string | null;
  key_id: string | null;
  operation: "delete" | "restore" | null;
  from_state: string | null;
  to_state: string;
  actor: string;
  reason: string | null;
  error_code: string | null;
  created_at: string;
}

export interface WatchOptions {
  signal: AbortSignal;
  /** Return true to stop watching. */
  onEvent(event: JobEvent): boolean | undefined;
  /** The stream ended by the server's choice (a job's stream after DONE/FAILED): stop. */
  stopWhenEnded?: boolean;
  lastEventId?: string;
  /** Called each time the stream is open (the API now delivers every new event). */
  onOpen?: () => void;
}

const MAX_FAILURES = 8;

/** Reads the stream until `onEvent` says stop, the signal aborts, or it fails MAX_FAILURES times running. */
export async function watchEvents(
  client: ApiClient,
  path: string,
  query: Query,
  options: WatchOptions,
): Promise<string | undefined> {
  let lastId = options.lastEventId;
  let failures = 0;
  let retryMs = 1000;
  while (!options.signal.aborted) {
    let stop = false;
    try {
      const stream = await client.openStream(path, query, lastId, options.signal);
      failures = 0;
      options.onOpen?.();
      const parser = createParser({
        onEvent(message) {
          if (stop || message.event !== "job") return;
          if (message.id) lastId = message.id;
          let event: JobEvent;
          try {
            event = JSON.parse(message.data) as JobEvent;
          } catch {
            return; // not an event of ours: skipped
          }
          stop = options.onEvent(event) === true;
          if (stop) stream.destroy();
        },
        onRetry(ms) {
          retryMs = ms;
        },
      });
      await new Promise<void>((resolve) => {
        stream.setEncoding("utf8");
        stream.on("data", (chunk: string) => parser.feed(chunk));
        stream.on("end", resolve);
        stream.on("close", resolve);
        stream.on("error", () => resolve());
      });
      if (stop || options.stopWhenEnded) return lastId;
    } catch (error) {
      if (options.signal.aborted) return lastId;
      if (error instanceof CliError && error.code === "NO_STREAM") throw error; // the caller polls
      const status = error instanceof CliError ? error.status : undefined;
      const transient = status === undefined || status >= 500 || status === 401 || status === 429;
      if (!(error instanceof CliError) || (error.code !== "NETWORK" && !transient)) throw error;
      if (++failures >= MAX_FAILURES) throw error;
      await sleep(backoffMs(undefined, failures), options.signal);
      continue;
    }
    await sleep(retryMs, options.signal);
  }
  return lastId;
}
