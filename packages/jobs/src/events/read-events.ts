// Reads of the job event log for watchers that (re)connect: the events after the last one they saw.
import { prepared, type Queryable } from "@cckm/db";
import type { JobEvent, JobEventFilter } from "./job-event.ts";

/** At most this many events per catch-up page; a watcher reads page after page until it is current. */
export const EVENT_PAGE = 500;

// The same fields as the trigger's payload, so a replayed event and a live one look alike.
const READ_EVENTS = prepared(
  "read_job_events",
  `
SELECT e.id::text AS id, e.job_id::text AS job_id, j.cckm_key_id::text AS cckm_key_id, j.key_id,
       j.operation::text AS operation, e.from_state::text AS from_state, e.to_state::text AS to_state,
       e.actor, left(e.reason, 500) AS reason, e.error_code,
       to_json(e.created_at)#>>'{}' AS created_at
  FROM sap_key_job_events e JOIN sap_key_jobs j ON j.id = e.job_id
 WHERE e.id > $1::bigint
   AND ($2::uuid IS NULL OR e.job_id = $2::uuid)
   AND ($3::text IS NULL OR e.to_state::text = $3::text)
   AND ($4::text IS NULL OR j.operation::text = $4::text)
   AND ($5::uuid IS NULL OR j.cckm_key_id = $5::uuid)
 ORDER BY e.id
 LIMIT $6`,
);

/** Up to `limit` events after event `afterId` that match, oldest first. */
export async function readJobEvents(
  db: Queryable,
  filter: JobEventFilter,
  afterId: string,
  limit = EVENT_PAGE,
): Promise<JobEvent[]> {
  const { rows } = await db.query<JobEvent>({
    ...READ_EVENTS,
    values: [
      afterId,
      filter.jobId ?? null,
      filter.state ?? null,
      filter.operation ?? null,
      filter.cckmKeyId ?? null,
      limit,
    ],
  });
  return rows;
}

const LATEST_EVENT = prepared("latest_job_event", `SELECT coalesce(max(id), 0)::text AS id FROM sap_key_job_events`);

/** The id of the newest event: where a watch without Last-Event-ID starts. */
export async function latestJobEventId(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ id: string }>(LATEST_EVENT);
  return rows[0]?.id ?? "0";
}
