import { prepared, type Queryable } from "@cckm/db";
import type { Request, RequestHandler, Response } from "express";

const READ_ONLY = new Set(["GET", "HEAD", "OPTIONS"]);

const INSERT = prepared(
  "audit_insert",
  `
INSERT INTO audit_records (id, request_id, actor_id, actor_name, action, resource_type, resource_id, outcome, status, detail)
VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
);

async function record(db: Queryable, req: Request, res: Response): Promise<void> {
  const note = res.locals.audit ?? {};
  const status = res.statusCode;
  await db.query({
    ...INSERT,
    values: [
      req.requestId,
      req.principal?.userId ?? null,
      req.principal?.username ?? note.actorName ?? null,
      note.action ?? `${req.method} ${req.baseUrl}${req.route?.path ?? req.path}`,
      note.resourceType ?? null,
      note.resourceId ?? null,
      status < 400 ? "success" : status === 401 || status === 403 ? "denied" : "failure",
      status,
      note.detail ? JSON.stringify(note.detail) : null,
    ],
  });
}

/**
 * Appends an audit record for every state-changing request, before its response leaves: the
 * record carries the final status, and a client never sees a change the audit log does not hold.
 * A failing audit write is logged as an error; the response still goes out.
 */
export function auditTrail(db: Queryable): RequestHandler {
  return (req, res, next) => {
    if (READ_ONLY.has(req.method)) return next();
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    let recorded = false;
    res.end = ((...args: unknown[]) => {
      if (recorded || res.locals.audit?.recorded) return end(...args);
      recorded = true;
      record(db, req, res)
        .catch((error: unknown) => req.log.error({ err: error }, "audit record not written"))
        .finally(() => end(...args));
      return res;
    }) as Response["end"];
    next();
  };
}
