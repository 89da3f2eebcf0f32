import { revokeRefreshToken } from "@cckm/auth";
import type { RequestHandler } from "express";
import type { AppDeps } from "../context.ts";
import { loadBoardSession } from "./board-session.ts";
import { LOGIN_PATH } from "./next-path.ts";
import { cookieOptions, readSessionCookie, SESSION_COOKIE } from "./session-cookie.ts";

/**
 * `POST /admin/logout`: revokes the cookie's session (so any copy of the cookie is dead too), clears
 * the cookie and goes to the login page. Without a live session it only clears the cookie.
 */
export function signOut(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    res.locals.audit = { action: "board.logout", resourceType: "session" };
    const principal = await loadBoardSession(deps.db, readSessionCookie(req), deps.config.jwtSecret);
    if (principal) {
      req.principal = principal;
      res.locals.audit.resourceId = principal.sessionId;
      await revokeRefreshToken(deps.db, principal.sessionId);
    }
    res.clearCookie(SESSION_COOKIE, cookieOptions(req));
    res.redirect(303, LOGIN_PATH);
  };
}
