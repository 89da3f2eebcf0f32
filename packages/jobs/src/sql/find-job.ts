import { prepared, type Queryable } from "@cckm/db";
import { type Job, type JobRow, jobColumns, jobFromRow } from "./rows.ts";

const FIND = prepared("find_job", `SELECT ${jobColumns("j")} FROM sap_key_jobs j WHERE j.id = $1::uuid`);

/** A job as it stands now, or null when there is none (e.g. its key was destroyed). Reads only. */
export async function findJob(db: Queryable, jobId: string): Promise<Job | null> {
  const { rows } = await db.query<JobRow>({ ...FIND, values: [jobId] });
  return rows[0] ? jobFromRow(rows[0]) : null;
}
