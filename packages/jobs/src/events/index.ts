// Live job events (issue 17): the NOTIFY listener, its fan-out, and the catch-up read of the log.
export {
  JobEventHub,
  JobEventHubError,
  type JobEventHubOptions,
  type JobEventWatcher,
} from "./event-hub.ts";
export { JOB_EVENTS_CHANNEL, type JobEvent, type JobEventFilter, matchesFilter, parseJobEvent } from "./job-event.ts";
export { EVENT_PAGE, latestJobEventId, readJobEvents } from "./read-events.ts";
