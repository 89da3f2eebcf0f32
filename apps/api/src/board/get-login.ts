import type { RequestHandler } from "express";
import { safeNext } from "./next-path.ts";
import { sendLoginPage } from "./pages.ts";

/** `GET /admin/login`: the sign-in form; `next` (a board page) is where a successful sign-in goes. */
export const showLogin: RequestHandler = (req, res) => {
  sendLoginPage(res, { status: 200, next: safeNext(req.query.next) });
};
