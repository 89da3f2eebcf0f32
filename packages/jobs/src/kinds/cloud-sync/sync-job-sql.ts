import { JobState, prepared, type Queryable, SYNC_ACTIVE_STATUS, SyncStatus } from "@cckm/db";
import type { SyncJobTable } from "@cckm/inventory";
import type { Ended } from "../../engine/kind.ts";

const ACTIVE = `'${SYNC_ACTIVE_STATUS}'`;
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a table or column name: ${name}`);
  return name;
}

export type CancelSyncOutcome = "cancelled" | "not_found" | "ended";

/** How a sync ends: `details` null keeps what the row recorded (a failure keeps the containers done so far). */
export interface SyncEnd {
  status: "completed" | "failed";
  details: unknown;
  error: string | null;
}

/** The guarded statements of one cloud's sync jobs, the same for every cloud. */
export interface SyncJobStatements {
  /** in_progress → completed | failed (its containers released); null when it had already ended. */
  end(db: Queryable, id: string, outcome: SyncEnd): Promise<Ended | null>;
  /** Sets `abort` while the job runs (again on a second cancel), and says whether the row exists. */
  cancel(db: Queryable, id: string): Promise<CancelSyncOutcome>;
  /** Whether a cancel asked the job to stop (reads only). */
  abortRequested(db: Queryable, id: string): Promise<boolean>;
}

interface EndedRow {
  status: "completed" | "failed";
  created_at: Date;
  completed_at: Date;
}

/**
 * The statements every sync job table shares (its `overall_status`, `details`, `error`, `abort`,
 * `completed_at` columns), for one cloud's table: each one guarded statement. `operation` is how its
 * ends are counted.
 */
export function syncJobStatements(spec: SyncJobTable & { operation: string }): SyncJobStatements {
  const table = identifier(spec.table);
  const tag = spec.operation.replaceAll("-", "_");
  const release = spec.release
    ? `, released AS (
         UPDATE ${identifier(spec.release.table)} SET running = false
           FROM ended WHERE ${identifier(spec.release.jobColumn)} = ended.id
       )`
    : "";
  const END = prepared(
    `${tag}_end`,
    `WITH ended AS (
       UPDATE ${table}
          SET overall_status = $2::text::sync_status, details = COALESCE($3::jsonb, details), error = $4,
              completed_at = now(), updated_at = now()
        WHERE id = $1::uuid AND overall_status = ${ACTIVE}
       RETURNING id, overall_status::text AS status, created_at, completed_at
     )${release}
     SELECT status, created_at, completed_at FROM ended`,
  );
  const CANCEL = prepared(
    `${tag}_cancel`,
    `WITH job AS (
       SELECT id, overall_status FROM ${table} WHERE id = $1::uuid FOR UPDATE
     ), cancelled AS (
       UPDATE ${table} s SET abort = true, updated_at = now()
         FROM job WHERE s.id = job.id AND job.overall_status = ${ACTIVE}
       RETURNING s.id
     )
     SELECT (SELECT count(*) FROM job)::int AS found, (SELECT count(*) FROM cancelled)::int AS cancelled`,
  );
  const ABORT = prepared(`${tag}_abort_requested`, `SELECT abort FROM ${table} WHERE id = $1::uuid`);

  return {
    async end(db, id, outcome) {
      const details = outcome.details === null ? null : JSON.stringify(outcome.details);
      const { rows } = await db.query<EndedRow>({
        ...END,
        values: [id, outcome.status, details, outcome.error?.slice(0, 2000) ?? null],
      });
      const row = rows[0];
      if (!row) return null;
      return {
        state: row.status === SyncStatus.completed ? JobState.DONE : JobState.FAILED,
        operation: spec.operation,
        createdAt: row.created_at,
        completedAt: row.completed_at,
      };
    },
    async cancel(db, id) {
      const { rows } = await db.query<{ found: number; cancelled: number }>({ ...CANCEL, values: [id] });
      if ((rows[0]?.cancelled ?? 0) > 0) return "cancelled";
      return (rows[0]?.found ?? 0) > 0 ? "ended" : "not_found";
    },
    async abortRequested(db, id) {
      const { rows } = await db.query<{ abort: boolean }>({ ...ABORT, values: [id] });
      return rows[0]?.abort === true;
    },
  };
}
