// Reads of key jobs for display (the API's lists and gets). Nothing here changes a job.
import { type Db, type JobOperation, type JobState, orderByOf, type Page, Prisma } from "@cckm/db";

/**
 * A key job as it is shown: Prisma's row of `sap_key_jobs`, the one source of its shape (the jobs
 * that submission and the state changes return have the same fields).
 */
export type KeyJob = Prisma.SapKeyJobGetPayload<Record<string, never>>;

/** Up to this many matching jobs a list's total is exact; above, it is the planner's estimate. */
export const EXACT_TOTAL_LIMIT = 10_000;

/** Which key jobs a list holds. */
export interface KeyJobFilter {
  state?: JobState | undefined;
  operation?: JobOperation | undefined;
  cckmKeyId?: string | undefined;
}

export type KeyJobSortField = "createdAt" | "updatedAt";

/** The total of a job list: exact, or the planner's estimate above EXACT_TOTAL_LIMIT (`estimated`). */
export interface JobTotal {
  total: number;
  estimated: boolean;
}

function jobWhere(f: KeyJobFilter): Prisma.SapKeyJobWhereInput {
  return {
    ...(f.state ? { state: f.state } : {}),
    ...(f.operation ? { operation: f.operation } : {}),
    ...(f.cckmKeyId ? { cckmKeyId: f.cckmKeyId } : {}),
  };
}

/** One page of the key jobs that match; newest first unless sorted. */
export async function listKeyJobs(db: Db, filter: KeyJobFilter, page: Page<KeyJobSortField>): Promise<KeyJob[]> {
  return db.sapKeyJob.findMany({
    where: jobWhere(filter),
    orderBy: orderByOf(page.sort, "-createdAt") as Prisma.SapKeyJobOrderByWithRelationInput[],
    skip: page.skip,
    take: page.take,
  });
}

/** The key job with this id; null when there is none. */
export async function findKeyJob(db: Db, id: string): Promise<KeyJob | null> {
  return db.sapKeyJob.findUnique({ where: { id } });
}

/**
 * The total of a job list without counting a million rows on every poll: an exact count stops at
 * EXACT_TOTAL_LIMIT + 1 rows; beyond that the answer is Postgres's own row estimate (flagged).
 */
export async function countKeyJobs(db: Db, filter: KeyJobFilter): Promise<JobTotal> {
  const conditions: Prisma.Sql[] = [];
  if (filter.state) conditions.push(Prisma.sql`state = ${filter.state}::job_state`);
  if (filter.operation) conditions.push(Prisma.sql`operation = ${filter.operation}::job_operation`);
  if (filter.cckmKeyId) conditions.push(Prisma.sql`cckm_key_id = ${filter.cckmKeyId}::uuid`);
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
