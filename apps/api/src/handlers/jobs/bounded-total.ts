import { type Db, Prisma } from "@cckm/db";

/** Up to this many matching jobs the list's `total` is exact; above, it is the planner's estimate. */
export const EXACT_TOTAL_LIMIT = 10_000;

export interface JobFilter {
  state?: string | undefined;
  operation?: string | undefined;
  cckm_key_id?: string | undefined;
}

/**
 * The `total` of a job list without counting a million rows on every poll: an exact count stops at
 * EXACT_TOTAL_LIMIT + 1 rows; beyond that the answer is Postgres's own row estimate (flagged).
 */
export async function boundedTotal(db: Db, filter: JobFilter): Promise<{ total: number; estimated: boolean }> {
  const conditions: Prisma.Sql[] = [];
  if (filter.state) conditions.push(Prisma.sql`state = ${filter.state}::job_state`);
  if (filter.operation) conditions.push(Prisma.sql`operation = ${filter.operation}::job_operation`);
  if (filter.cckm_key_id) conditions.push(Prisma.sql`cckm_key_id = ${filter.cckm_key_id}::uuid`);
  const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const counted = await db.$queryRaw<Array<{ n: bigint }>>`
    SELECT count(*) AS n FROM (SELECT 1 FROM sap_key_jobs ${where} LIMIT ${EXACT_TOTAL_LIMIT + 1}) AS bounded`;
  const n = Number(counted[0]?.n ?? 0);
  if (n <= EXACT_TOTAL_LIMIT) return { total: n, estimated: false };
  const plan = await db.$queryRaw<Array<{ "QUERY PLAN": Array<{ Plan: { "Plan Rows": number } }> }>>`
    EXPLAIN (FORMAT JSON) SELECT 1 FROM sap_key_jobs ${where}`;
  const estimate = Math.round(plan[0]?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 0);
  return { total: Math.max(EXACT_TOTAL_LIMIT + 1, estimate), estimated: true };
}
