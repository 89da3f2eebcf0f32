import { SQL_STATE } from "@cckm/db";
import pg from "pg";
import type { BenchStack } from "./stack.ts";
import { summary } from "./stats.ts";

/** Fills the job table to `rows` finished jobs (on the keys given), in SQL, then vacuums it. */
export async function fillJobs(stack: BenchStack, keyIds: string[], rows: number): Promise<void> {
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  await db.query(
    `INSERT INTO sap_key_jobs (id, cckm_key_id, group_id, job_id, key_id, operation, creator_id, creator_name,
                               state, backup_status, completed_at, created_at, updated_at)
     SELECT gen_random_uuid(), ($1::uuid[])[1 + (g % array_length($1::uuid[], 1))], 'group', gen_random_uuid()::text, 'key',
            (CASE WHEN g % 5 = 0 THEN 'restore' ELSE 'delete' END)::job_operation, 'bench', 'bench',
            (CASE WHEN g % 10 = 0 THEN ${SQL_STATE.FAILED} ELSE ${SQL_STATE.DONE} END)::job_state, 'done',
            now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval
       FROM generate_series(1, $2::int) AS g`,
    [keyIds, rows],
  );
  // A table of that size in service has been vacuumed (autovacuum): the visibility map lets the bounded
  // count run as an index-only scan instead of fetching every heap page a fresh insert left unmarked.
  await db.query("VACUUM (ANALYZE) sap_key_jobs");
  await db.end();
}

/** p50/p99 of GET on the polling route, first page and a filtered page. */
export async function listLatency(stack: BenchStack, requests: number) {
  const measure = async (query: string) => {
    const ms: number[] = [];
    for (let i = 0; i < requests; i++) {
      const started = performance.now();
      const res = await stack.call("GET", `/cckm/sap/keys/jobs?${query}`);
      ms.push(performance.now() - started);
      if (res.status !== 200) throw new Error(`list: ${res.status}`);
    }
    return summary(ms);
  };
  return {
    first_page: await measure("limit=10"),
    filtered_page: await measure("limit=10&state=FAILED&operation=restore"),
  };
}
