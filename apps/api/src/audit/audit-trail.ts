import type { Db } from "@cckm/db";
import type { Request, RequestHandler, Response } from "express";

const READ_ONLY = new Set(["GET", "HEAD", "OPTIONS"]);

async function record(db: Db, req: Request, res: Response): Promise<void> {
  const note = res.locals.audit ?? {};
  const status = res.statusCode;
  await db.auditRecord.create({
    data: {
      requestId: req.requestId,
      actorId: req.principal?.userId ?? null,
      actorName: req.principal?.username ?? note.actorName ?? null,
      action: note.action ?? `${req.method} ${req.baseUrl}${req.route?.path ?? req.path}`,
      resourceType: note.resourceType ?? null,
      resourceId: note.resourceId ?? null,
      outcome: status < 400 ? "success" : status === 401 || status === 403 ? "denied" : "failure",
      status,
      ...(note.detail ? { detail: note.detail as object } : {}),
    },
  });
}

/**
 * Appends an audit record for every state-changing request, before its response leaves: the
 * record carries the final status, and a client never sees a change the audit log does not hold.
 * A failing audit write is logged as an error; the response still goes out.
 */
export function auditTrail(db: Db): RequestHandler {
  return (req, res, next) => {
    if (READ_ONLY.has(req.method)) return next();
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    let recorded = false;
    res.end = ((...args: unknown[]) => {
      if (recorded) return end(...args);
      recorded = true;
      record(db, req, res)
        .catch((error: unknown) => req.log.error({ err: error }, "audit record not written"))
        .finally(() => end(...args));
      return res;
    }) as Response["end"];
    next();
  };
}
