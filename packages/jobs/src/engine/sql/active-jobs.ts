import { prepared, type Queryable } from "@cckm/db";
import type { AnyJobKind } from "../kind.ts";

/** An active row of a kind, as the reconciler sees it. `createdAt` is Postgres's text (microseconds). */
export interface ActiveRow {
  id: string;
  queueJobId: string;
  name: string;
  createdAt: string;
}

/** Where the previous pass over a kind stopped: each pass goes on from there. */
export interface ReconcileCursor {
  /** `created_at` as Postgres prints it (a JS Date drops the microseconds). */
  createdAt: string;
  id: string;
}

const statements = new Map<string, { name: string; text: string }>();

// The reconciler's one statement, per kind: the next `limit` active rows older than the grace period,
// after the cursor, oldest first (a keyset on (created_at, id)).
function statementOf(kind: AnyJobKind) {
  let statement = statements.get(kind.name);
  if (!statement) {
    const t = kind.table;
    statement = prepared(
      `reconcile_${kind.name.replace(/\W/g, "_")}`,
      `SELECT id::text AS id, ${t.queueJobId} AS queue_job_id, ${t.jobName} AS name, created_at::text AS created_at
         FROM ${t.name}
        WHERE (${t.active}) AND updated_at < $1
          AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
        ORDER BY created_at, id
        LIMIT $4`,
    );
    statements.set(kind.name, statement);
  }
  return statement;
}

/** Reads only: the active rows of a kind that the reconciler looks at next. */
export async function activeJobs(
  db: Queryable,
  kind: AnyJobKind,
  before: Date,
  cursor: ReconcileCursor | null,
  limit: number,
): Promise<ActiveRow[]> {
  const { rows } = await db.query<{ id: string; queue_job_id: string; name: string; created_at: string }>({
    ...statementOf(kind),
    values: [before, cursor?.createdAt ?? null, cursor?.id ?? null, limit],
  });
  return rows.map((r) => ({ id: r.id, queueJobId: r.queue_job_id, name: r.name, createdAt: r.created_at }));
}
