import { hasRight } from "@cckm/auth";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { LoginThrottle } from "../auth/login-throttle.ts";
import { checkPassword, clientAddress } from "../auth/sign-in.ts";
import type { AppDeps } from "../context.ts";
import { containsNul } from "../http/reject-nul.ts";
import { startBoardSession } from "./board-session.ts";
import { safeNext } from "./next-path.ts";
import { sendLoginPage } from "./pages.ts";
import { cookieOptions, SESSION_COOKIE } from "./session-cookie.ts";

const form = z.strictObject({
  username: z.string().min(1).max(128),
  password: z.string().min(1).max(1024),
  next: z.string().max(512).optional(),
});

/**
 * `POST /admin/login` (form fields `username`, `password`, `next`): the API's password sign-in for
 * the board. Same users, same throttle and check as the token grant (`checkPassword`); an outage
 * goes to the error handler (503) and counts against nobody; a success starts a board session in an HttpOnly cookie. Audited as
 * `board.login` (never with the password; unknown usernames are not recorded).
 */
export function signIn(deps: AppDeps, throttle: LoginThrottle): RequestHandler {
  return async (req, res) => {
    res.locals.audit = { action: "board.login", resourceType: "session", detail: { via: "board" } };
    const input = form.safeParse(req.body ?? {});
    const next = safeNext(input.success ? input.data.next : undefined);
    if (!input.success || containsNul(input.data)) {
      return sendLoginPage(res, { status: 400, next, error: "Enter a username and a password." });
    }
    const { username, password } = input.data;
    const check = await checkPassword(deps.db, throttle, { username, password, address: clientAddress(req) });
    if (check.outcome === "throttled") {
      res.set("retry-after", String(check.wait));
      const error = `Too many failed sign-ins: try again in ${check.wait} s.`;
      return sendLoginPage(res, { status: 429, next, username, error });
    }
    if (check.outcome === "invalid") {
      if (check.username) res.locals.audit.actorName = check.username;
      return sendLoginPage(res, { status: 401, next, username, error: "Invalid username or password." });
    }
    const user = check.user;
    res.locals.audit.actorName = user.username;
    if (!hasRight(user.groups, "read")) {
      const error = `User ${user.username} is in no group that may see the job queues.`;
      return sendLoginPage(res, { status: 403, next, error });
    }
    const ttl = deps.config.refreshTokenTtlSeconds;
    const session = await startBoardSession(deps.db, user.id, deps.config.jwtSecret, ttl);
    res.locals.audit.resourceId = session.sessionId;
    res.cookie(SESSION_COOKIE, session.cookie, cookieOptions(req, ttl));
    res.redirect(303, next);
  };
}
