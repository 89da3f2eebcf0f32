import { type RequestHandler, Router } from "express";
import { loginThrottleOf } from "../auth/login-throttle.ts";
import type { AppDeps } from "../context.ts";
import { formBody } from "../http/body-parsers.ts";
import { boardHeaders } from "./board-csp.ts";
import { requireWriteForChanges, serveBoard } from "./board-rights.ts";
import { createBoards } from "./boards.ts";
import { showLogin } from "./get-login.ts";
import { BOARD_PATH } from "./next-path.ts";
import { sendLogoutPage } from "./pages.ts";
import { signIn } from "./post-login.ts";
import { signOut } from "./post-logout.ts";
import { requireBoardSession } from "./require-session.ts";
import { requireSameOrigin } from "./same-origin.ts";

const FORM_LIMIT = "4kb";

/**
 * Everything under `/admin`: the Bull Board dashboard at `/admin/queues` (every queue of
 * `deps.queues`) and its sign-in pages. See docs/operations.md.
 *
 * - `GET/POST /admin/login`, `GET/POST /admin/logout`: cookie sessions over the API's users.
 * - `/admin/queues/**`: pages, assets and bull-board's JSON API, all behind a live session;
 *   admins get the full board, `CCKM Users` a read-only one, others 403.
 * - Every state-changing request is same-origin checked (CSRF) and audited.
 */
export function adminRouter(deps: AppDeps, audit: RequestHandler): Router {
  const throttle = loginThrottleOf(deps);
  const boards = createBoards(deps.queues.all);
  const router = Router();
  router.use(audit);
  router.use(requireSameOrigin);

  router.get("/", (_req, res) => res.redirect(303, BOARD_PATH));
  router.get("/login", showLogin);
  router.post("/login", formBody(FORM_LIMIT, 10), signIn(deps, throttle));
  router.get("/logout", (_req, res) => sendLogoutPage(res));
  router.post("/logout", signOut(deps));
  router.use("/queues", boardHeaders, requireBoardSession(deps), requireWriteForChanges, serveBoard(boards));
  return router;
}
