// A key job's state change as watchers see it: one row of `sap_key_job_events` with the job's key
// and operation (what a watch filters on). The NOTIFY payload and the catch-up read share this shape.
import { JOB_STATES } from "@cckm/db";
import { z } from "zod";

const state = z.enum(JOB_STATES);

/** The payload of `cckm_job_events` (the trigger of migration 20261206000000_job_event_notify). */
export const jobEventSchema = z.object({
  id: z.string().regex(/^\d+$/),
  job_id: z.string(),
  cckm_key_id: z.string().nullable(),
  key_id: z.string().nullable(),
  operation: z.enum(["delete", "restore"]).nullable(),
  from_state: state.nullable(),
  to_state: state,
  actor: z.string(),
  reason: z.string().nullable(),
  error_code: z.string().nullable(),
  created_at: z.string(),
});

export type JobEvent = z.output<typeof jobEventSchema>;

/** The channel the trigger notifies on. */
export const JOB_EVENTS_CHANNEL = "cckm_job_events";

/** Which events a watcher wants: one job's, or the list's filters (every field optional). */
export interface JobEventFilter {
  jobId?: string | undefined;
  state?: string | undefined;
  operation?: string | undefined;
  cckmKeyId?: string | undefined;
}

export function matchesFilter(event: JobEvent, f: JobEventFilter): boolean {
  return (
    (!f.jobId || event.job_id === f.jobId) &&
    (!f.state || event.to_state === f.state) &&
    (!f.operation || event.operation === f.operation) &&
    (!f.cckmKeyId || event.cckm_key_id === f.cckmKeyId)
  );
}

/** A notification's payload as an event; null for one that is not ours (logged by the caller). */
export function parseJobEvent(payload: string | undefined): JobEvent | null {
  try {
    const parsed = jobEventSchema.safeParse(JSON.parse(payload ?? ""));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
