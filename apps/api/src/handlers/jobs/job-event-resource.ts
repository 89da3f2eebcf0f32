import { JOB_STATES } from "@cckm/jobs";
import { z } from "zod";

/** The `data` of one server-sent job event (OpenAPI): a row of the job event log with the job's key. */
export const jobEventSchema = z.object({
  id: z.string().meta({ description: "the event's id, also its SSE `id` (send it back as Last-Event-ID)" }),
  job_id: z.string(),
  cckm_key_id: z.string().nullable(),
  key_id: z.string().nullable(),
  operation: z.enum(["delete", "restore"]).nullable(),
  from_state: z.enum(JOB_STATES).nullable(),
  to_state: z.enum(JOB_STATES),
  actor: z.string(),
  reason: z.string().nullable(),
  error_code: z.string().nullable(),
  created_at: z.string(),
});
