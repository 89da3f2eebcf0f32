import { hasRight } from "@cckm/auth";
import type { Request, RequestHandler, Response } from "express";
import type { AppDeps } from "../context.ts";
import { ApiError } from "../http/errors.ts";
import { loadBoardSession } from "./board-session.ts";
import { loginUrl } from "./next-path.ts";
import { sendForbiddenPage } from "./pages.ts";
import { readSessionCookie } from "./session-cookie.ts";

/** Board pages are GETs outside `/api` and `/static`; everything else is the board's JSON API or an asset. */
function isPage(req: Request): boolean {
  return (req.method === "GET" || req.method === "HEAD") && !/^\/(?:api|static)(?:\/|$)/i.test(req.path);
}

function refuse(req: Request, res: Response, status: 401 | 403, username?: string): void {
  if (isPage(req)) {
    if (status === 401) res.redirect(303, loginUrl(req.originalUrl));
    else sendForbiddenPage(res, username ?? "");
    return;
  }
  throw new ApiError(
    status,
    status === 401 ? "not signed in to the board (POST /admin/login)" : `user ${username} may not see the board`,
  );
}

/**
 * Every request under /admin/queues needs a live board session whose user may read: pages redirect
 * to the login page (or show 403), the JSON API and assets answer 401/403 with the API's error body.
 */
export function requireBoardSession(deps: AppDeps): RequestHandler {
  return async (req, res, next) => {
    const principal = await loadBoardSession(deps.db, readSessionCookie(req), deps.config.jwtSecret);
    if (!principal) return refuse(req, res, 401);
    req.principal = principal;
    req.log = req.log.child({ user: principal.username });
    if (!hasRight(principal.groups, "read")) return refuse(req, res, 403, principal.username);
    next();
  };
}
