import type { Pool } from "@cckm/db";
import { prepared } from "@cckm/db";
import { Coalescer, settle } from "@cckm/jobs";
import type { Request, RequestHandler, Response } from "express";

const READ_ONLY = new Set(["GET", "HEAD", "OPTIONS"]);

const COLUMNS = "request_id, actor_id, actor_name, action, resource_type, resource_id, outcome, status, detail";

const INSERT = prepared(
  "audit_insert",
  `INSERT INTO audit_records (id, ${COLUMNS}) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
);

/** One statement for the records of the requests that end together: one array per column. */
const INSERT_MANY = prepared(
  "audit_insert_many",
  `INSERT INTO audit_records (id, ${COLUMNS})
   SELECT gen_random_uuid(), r.request_id, r.actor_id, r.actor_name, r.action, r.resource_type, r.resource_id,
          r.outcome, r.status, r.detail::jsonb
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[])
       AS r(request_id, actor_id, actor_name, action, resource_type, resource_id, outcome, status, detail)`,
);

/** An audit record's columns, in COLUMNS order. */
type AuditRow = [
  string,
  string | null,
  string | null,
  string,
  string | null,
  string | null,
  string,
  number,
  string | null,
];

function rowOf(req: Request, res: Response): AuditRow {
  const note = res.locals.audit ?? {};
  const status = res.statusCode;
  return [
    req.requestId,
    req.principal?.userId ?? null,
    req.principal?.username ?? note.actorName ?? null,
    note.action ?? `${req.method} ${req.baseUrl}${req.route?.path ?? req.path}`,
    note.resourceType ?? null,
    note.resourceId ?? null,
    status < 400 ? "success" : status === 401 || status === 403 ? "denied" : "failure",
    status,
    note.detail ? JSON.stringify(note.detail) : null,
  ];
}

/**
 * The audit log's one writer. The records of requests that end about together (in one turn of the
 * event loop, or while a write is in flight) go in one statement and one commit; each request still
 * waits for its own record to be committed. When that statement fails, each record is written alone,
 * so one bad record costs no other its place.
 */
export function auditWriter(pool: Pool, options: { max?: number } = {}): (row: AuditRow) => Promise<void> {
  const alone = (row: AuditRow) => settle(async () => void (await pool.query({ ...INSERT, values: row })));
  const coalescer = new Coalescer<AuditRow, void>(
    async (rows) => {
      if (rows.length === 1) return [await alone(rows[0] as AuditRow)];
      const columns = (rows[0] as AuditRow).map((_, i) => rows.map((r) => r[i]));
      const grouped = await settle(() => pool.query({ ...INSERT_MANY, values: columns }));
      return grouped.ok ? rows.map(() => ({ ok: true, value: undefined })) : Promise.all(rows.map(alone));
    },
    { windowMs: 0, max: options.max ?? 128 },
  );
  return (row) => coalescer.submit(row);
}

/**
 * Appends an audit record for every state-changing request, before its response leaves: the
 * record carries the final status, and a client never sees a change the audit log does not hold.
 * A failing audit write is logged as an error; the response still goes out.
 */
export function auditTrail(write: (row: AuditRow) => Promise<void>): RequestHandler {
  return (req, res, next) => {
    if (READ_ONLY.has(req.method)) return next();
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    let recorded = false;
    res.end = ((...args: unknown[]) => {
      if (recorded || res.locals.audit?.recorded) return end(...args);
      recorded = true;
      write(rowOf(req, res))
        .catch((error: unknown) => req.log.error({ err: error }, "audit record not written"))
        .finally(() => end(...args));
      return res;
    }) as Response["end"];
    next();
  };
}
