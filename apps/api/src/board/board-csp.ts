import type { RequestHandler } from "express";

/**
 * bull-board's UI loads its own scripts, styles, images and JSON from /admin/queues and sets inline
 * styles, so it needs more than the API's `default-src 'none'`, but nothing from another origin: its
 * Google Fonts stylesheet is blocked on purpose (system fonts are used instead).
 */
export const BOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * The API's `Referrer-Policy: no-referrer` makes browsers send `Origin: null` on same-origin form
 * posts and fetches, which the CSRF check must refuse; `same-origin` keeps the Origin for our own
 * requests and still sends nothing to other sites.
 */
export const BOARD_REFERRER_POLICY = "same-origin";

/** Replaces helmet's API CSP and referrer policy on board responses (set before the board answers). */
export const boardHeaders: RequestHandler = (_req, res, next) => {
  res.set("content-security-policy", BOARD_CSP);
  res.set("referrer-policy", BOARD_REFERRER_POLICY);
  next();
};
