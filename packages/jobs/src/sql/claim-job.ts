import { ACTIVE_STATES_SQL, prepared, type Queryable, SQL_STATE } from "@cckm/db";
import { CONTEXT_COLUMNS, CONTEXT_JOINS, type ContextRow, contextFromRow, type KeyContext } from "./key-context.ts";
import { type Job, type JobRow, jobColumns, jobFromRow } from "./rows.ts";

// PENDING | IN_PROGRESS → IN_PROGRESS, counting the attempt; the event only for PENDING → IN_PROGRESS
// (a redelivery claims again without a new event). `locked` tells a missing job from a finished one.
// The same statement reads what the attempt needs: the key, its connection, this job's own backup.
const CLAIM = prepared(
  "claim_job",
  `
WITH locked AS (
  SELECT id, state FROM sap_key_jobs WHERE id = $1::uuid FOR UPDATE
), job AS (
  UPDATE sap_key_jobs j
     SET state = ${SQL_STATE.IN_PROGRESS}, attempts = j.attempts + 1, updated_at = now()
    FROM locked
   WHERE j.id = locked.id AND locked.state IN (${ACTIVE_STATES_SQL})
  RETURNING ${jobColumns("j")}
), event AS (
  INSERT INTO sap_key_job_events (job_id, from_state, to_state, actor, reason)
  SELECT job.id, ${SQL_STATE.PENDING}, ${SQL_STATE.IN_PROGRESS}, $2, 'claimed' FROM job, locked WHERE locked.state = ${SQL_STATE.PENDING}
)
SELECT locked.state AS locked_state, job.*, ${CONTEXT_COLUMNS}
  FROM locked LEFT JOIN job ON true ${CONTEXT_JOINS}`,
);

export type Claim =
  | { outcome: "claimed"; job: Job; context: KeyContext | null }
  | { outcome: "missing" }
  | { outcome: "finished" };

/** Claims a job for an attempt; a missing or finished job (a late or duplicate delivery) is left alone. */
export async function claimJob(db: Queryable, jobId: string, actor: string): Promise<Claim> {
  const { rows } = await db.query<JobRow & ContextRow & { locked_state: string }>({
    ...CLAIM,
    values: [jobId, actor],
  });
  const row = rows[0];
  if (!row) return { outcome: "missing" };
  if (row.id === null) return { outcome: "finished" };
  return { outcome: "claimed", job: jobFromRow(row), context: contextFromRow(row) };
}
