import { hasRight } from "@cckm/auth";
import type { RequestHandler } from "express";
import { ApiError } from "../http/errors.ts";
import type { Boards } from "./boards.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function queueNameOf(path: string): string | undefined {
  const raw = /^\/api\/queues\/([^/]+)/.exec(path)?.[1];
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(raw).slice(0, 200);
  } catch {
    return raw.slice(0, 200);
  }
}

/**
 * Read-only users never change anything, whatever the UI shows: every request but GET/HEAD/OPTIONS
 * needs the write right (checked on the server, before bull-board sees it). Audit names the action.
 */
export const requireWriteForChanges: RequestHandler = (req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const queueName = queueNameOf(req.path);
  res.locals.audit = {
    action: "board.action",
    resourceType: "queue",
    ...(queueName ? { resourceId: queueName } : {}),
    detail: { method: req.method, path: `${req.baseUrl}${req.path}`.slice(0, 300) },
  };
  const principal = req.principal;
  if (!principal || !hasRight(principal.groups, "write")) {
    throw new ApiError(403, `user ${principal?.username ?? "?"} has a read-only board`);
  }
  next();
};

/** Admins get the full board, everyone else who got this far the read-only one. */
export function serveBoard(boards: Boards): RequestHandler {
  return (req, res, next) => {
    const board = req.principal && hasRight(req.principal.groups, "write") ? boards.full : boards.readOnly;
    board(req, res, next);
  };
}
