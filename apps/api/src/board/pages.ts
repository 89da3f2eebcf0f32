import { createHash } from "node:crypto";
import type { Response } from "express";
import { BOARD_REFERRER_POLICY } from "./board-csp.ts";

const STYLE = [
  "body{font-family:system-ui,sans-serif;background:#151a21;color:#e6e9ee;display:flex;justify-content:center;",
  "align-items:center;min-height:100vh;margin:0}main{background:#1f2630;padding:2rem;border-radius:8px;width:20rem}",
  "h1{font-size:1.2rem;margin:0 0 1rem}label{display:block;margin:.75rem 0 .25rem}",
  "input{width:100%;box-sizing:border-box;padding:.5rem;border-radius:4px;border:1px solid #3a4452;",
  "background:#151a21;color:#e6e9ee}button{margin-top:1.25rem;width:100%;padding:.6rem;border:0;border-radius:4px;",
  "background:#3b82f6;color:#fff;font-weight:600;cursor:pointer}p.error{color:#f87171}p.note{color:#8b96a5}",
].join("");

/** The pages carry no script; their one inline style block is allowed by its hash, nothing else loads. */
const PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function send(res: Response, status: number, title: string, body: string): void {
  res
    .status(status)
    .set("content-security-policy", PAGE_CSP)
    .set("referrer-policy", BOARD_REFERRER_POLICY)
    .type("html")
    .send(
      `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">` +
        `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>` +
        `<style>${STYLE}</style></head><body><main>${body}</main></body></html>`,
    );
}

export interface LoginView {
  status: number;
  next: string;
  username?: string;
  error?: string;
}

/** `GET /admin/login` and every refused sign-in: a form posting username and password back to itself. */
export function sendLoginPage(res: Response, view: LoginView): void {
  const error = view.error ? `<p class="error" role="alert">${escapeHtml(view.error)}</p>` : "";
  send(
    res,
    view.status,
    "Sign in · CCKM Bull Board",
    `<h1>CCKM job queues</h1>${error}<form method="post" action="/admin/login">` +
      `<input type="hidden" name="next" value="${escapeHtml(view.next)}">` +
      `<label for="username">Username</label><input id="username" name="username" autocomplete="username" ` +
      `required maxlength="128" value="${escapeHtml(view.username ?? "")}" autofocus>` +
      `<label for="password">Password</label><input id="password" name="password" type="password" ` +
      `autocomplete="current-password" required maxlength="1024">` +
      `<button type="submit">Sign in</button></form>`,
  );
}

const SIGN_OUT_FORM = `<form method="post" action="/admin/logout"><button type="submit">Sign out</button></form>`;

/** `GET /admin/logout`: a button, since signing out is a POST (a link could be followed by another site). */
export function sendLogoutPage(res: Response): void {
  send(res, 200, "Sign out · CCKM Bull Board", `<h1>Sign out of the job queues?</h1>${SIGN_OUT_FORM}`);
}

/** A signed-in user whose groups grant no right on the board. */
export function sendForbiddenPage(res: Response, username: string): void {
  send(
    res,
    403,
    "Forbidden · CCKM Bull Board",
    `<h1>No access</h1><p class="note">User ${escapeHtml(username)} is in no group that may see the job queues ` +
      `(CCKM Users: read; CCKM Admins, admin: everything).</p>${SIGN_OUT_FORM}`,
  );
}
