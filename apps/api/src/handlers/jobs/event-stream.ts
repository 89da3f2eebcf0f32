import {
  EVENT_PAGE,
  type JobEvent,
  type JobEventFilter,
  JobEventHubError,
  type JobEventWatcher,
  readJobEvents,
  TERMINAL_STATES,
} from "@cckm/jobs";
import type { Request, Response } from "express";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";

/** Live events a stream holds while it catches up from the log; beyond, it ends (the client resumes). */
const CATCH_UP_BUFFER = 1000;
/** Unsent bytes a slow client may leave queued before its stream is ended (it resumes by Last-Event-ID). */
const MAX_QUEUED_BYTES = 1 << 20;
const TERMINAL = new Set<string>(TERMINAL_STATES);

/** `Last-Event-ID` (what an EventSource sends when it reconnects): the id of the last event it got. */
export function lastEventId(req: Request): string | undefined {
  const value = req.get("last-event-id");
  if (value === undefined || value === "") return undefined;
  if (!/^\d{1,18}$/.test(value)) throw new ApiError(400, "Last-Event-ID: must be the id of an event (digits)");
  return value;
}

export interface StreamOptions {
  filter: JobEventFilter;
  /** Replay the log after this event id first ("0": the whole history that matches). */
  afterId: string;
  /** One job's stream: ends once it sent the job's DONE or FAILED. */
  endOnTerminal: boolean;
}

/**
 * Serves job events as server-sent events: the log after `afterId`, then live ones from the
 * process's one LISTEN connection (subscribed before the replay, so nothing between is missed).
 * Each event's SSE `id` is its row id in `sap_key_job_events`, so `Last-Event-ID` resumes exactly.
 */
export async function streamJobEvents(deps: AppDeps, req: Request, res: Response, options: StreamOptions) {
  let cursor = BigInt(options.afterId);
  let buffer: JobEvent[] | null = []; // live events while catching up; null once live
  let resyncAgain = false; // LISTEN was lost during a catch-up: read the log once more after it
  let ended = false;
  let unsubscribe = () => {};
  let stopBeat = () => {};
  const end = () => {
    if (ended) return;
    ended = true;
    unsubscribe();
    stopBeat();
    res.end();
  };
  const send = (event: JobEvent) => {
    if (ended) return;
    if (BigInt(event.id) > cursor) cursor = BigInt(event.id);
    res.write(`id: ${event.id}\nevent: job\ndata: ${JSON.stringify(event)}\n\n`);
    if (options.endOnTerminal && TERMINAL.has(event.to_state)) end();
    else if (res.writableLength > MAX_QUEUED_BYTES) end();
  };
  const catchUp = async () => {
    const sent = new Set<string>();
    for (;;) {
      const page = await readJobEvents(deps.pool, options.filter, cursor.toString());
      for (const event of page) {
        sent.add(event.id);
        send(event);
      }
      if (page.length < EVENT_PAGE || ended) break;
    }
    const held = buffer ?? [];
    buffer = null;
    for (const event of held) if (!sent.has(event.id)) send(event);
    if (resyncAgain && !ended) {
      resyncAgain = false;
      buffer = [];
      await catchUp();
    }
  };
  const watcher: JobEventWatcher = {
    filter: options.filter,
    deliver(event) {
      if (!buffer) return send(event);
      buffer.push(event);
      if (buffer.length > CATCH_UP_BUFFER) end();
    },
    resync() {
      if (ended) return;
      if (buffer) {
        resyncAgain = true;
        return;
      }
      buffer = [];
      catchUp().catch(fail);
    },
    end,
  };
  const fail = (error: unknown) => {
    req.log.warn({ err: error }, "job event stream failed; the client may resume with Last-Event-ID");
    if (!ended) res.write(`event: error\ndata: ${JSON.stringify({ message: "stream interrupted; reconnect" })}\n\n`);
    end();
  };

  try {
    unsubscribe = await deps.jobEvents.subscribe(watcher);
  } catch (error) {
    if (error instanceof JobEventHubError) {
      res.set("retry-after", "5");
      throw new ApiError(503, error.message);
    }
    throw error;
  }
  res.on("close", end);
  if (res.destroyed) return end();
  res.status(200).set({
    "content-type": "text/event-stream; charset=utf-8",
    // no-transform: the compression middleware leaves the stream alone, so each event goes out at once.
    "cache-control": "no-cache, no-transform",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  res.flushHeaders();
  res.write("retry: 2000\n\n");
  stopBeat = deps.jobEvents.onHeartbeat(() => {
    if (!ended) res.write(": keep-alive\n\n");
  });
  await catchUp().catch(fail);
}
