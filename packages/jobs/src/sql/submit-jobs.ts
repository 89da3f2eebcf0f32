import { randomUUID } from "node:crypto";
import { prepared, type Queryable, SQL_STATE } from "@cckm/db";
import { type Job, type JobRow, jobColumns, jobFromRow } from "./rows.ts";
import type { SubmitInput } from "./submit-job.ts";

// submit_job (submit-job.ts) for many submits in one statement and one commit: the keys locked in one
// order (id) so that two such statements cannot deadlock each other, each job inserted only where its
// own statement would insert it, with its first event and its audit record. A job the partial unique
// index refuses (a key's active job, or two submits of one key here) is skipped, not an error
// (ON CONFLICT DO NOTHING): that submit has no row here and runs alone, which names why.
const SUBMIT_MANY = prepared(
  "submit_jobs",
  `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bool[],
                       $8::text[], $9::text[], $10::int[], $11::text[])
    AS i(key_id, id, queue_job_id, operation, creator_id, creator_name, delete_if_backup_fails,
         request_id, action, status, detail)
), key AS (
  SELECT k.id, k.gone, k.backup_id, k.sap_key_id, g.sap_group_id
    FROM sap_keys k JOIN sap_groups g ON g.id = k.group_id
   WHERE k.id IN (SELECT key_id FROM input)
   ORDER BY k.id
     FOR UPDATE OF k
), job AS (
  INSERT INTO sap_key_jobs (id, cckm_key_id, group_id, job_id, key_id, operation, creator_id, creator_name,
                            delete_if_backup_fails, updated_at)
  SELECT i.id, key.id, key.sap_group_id, i.queue_job_id, key.sap_key_id, i.operation::job_operation, i.creator_id,
         i.creator_name, i.delete_if_backup_fails, now()
    FROM input i JOIN key ON key.id = i.key_id
   WHERE CASE i.operation WHEN 'delete' THEN NOT key.gone ELSE key.gone AND key.backup_id IS NOT NULL END
  ON CONFLICT DO NOTHING
  RETURNING ${jobColumns("sap_key_jobs")}
), event AS (
  INSERT INTO sap_key_job_events (job_id, from_state, to_state, actor, reason)
  SELECT job.id, NULL, ${SQL_STATE.PENDING}, job.creator_name, job.operation::text || ' submitted' FROM job
), audit AS (
  INSERT INTO audit_records (id, request_id, actor_id, actor_name, action, resource_type, resource_id, outcome,
                             status, detail)
  SELECT gen_random_uuid(), i.request_id, i.creator_id, i.creator_name, i.action, 'sap_job', job.id::text, 'success',
         i.status, i.detail::jsonb
    FROM job JOIN input i ON i.id = job.id
   WHERE i.request_id IS NOT NULL
)
SELECT * FROM job`,
);

/** What a grouped submit made of each input, in order: its job, or null where it must run alone. */
export async function submitJobs(db: Queryable, inputs: readonly SubmitInput[]): Promise<Array<Job | null>> {
  const ids = inputs.map(() => randomUUID());
  const { rows } = await db.query<JobRow>({
    ...SUBMIT_MANY,
    values: [
      inputs.map((i) => i.keyId),
      ids,
      inputs.map(() => randomUUID()),
      inputs.map((i) => i.operation),
      inputs.map((i) => i.creatorId),
      inputs.map((i) => i.creatorName),
      inputs.map((i) => i.operation === "delete" && i.deleteIfBackupFails),
      inputs.map((i) => i.audit?.requestId ?? null),
      inputs.map((i) => i.audit?.action ?? null),
      inputs.map((i) => i.audit?.status ?? null),
      inputs.map((i) => (i.audit ? JSON.stringify(i.audit.detail) : null)),
    ],
  });
  const made = new Map(rows.map((r) => [r.id, jobFromRow(r)]));
  return ids.map((id) => made.get(id) ?? null);
}
