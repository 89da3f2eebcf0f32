import { createHmac, timingSafeEqual } from "node:crypto";
import type { CookieOptions, Request } from "express";

/** The board's session cookie; it is scoped to `/admin`, so the API under `/api/v1` never sees it. */
export const SESSION_COOKIE = "cckm_board_session";
export const COOKIE_PATH = "/admin";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAC = /^[A-Za-z0-9_-]{43}$/;

/** A key of its own for board cookies, derived from JWT_SECRET, so a cookie is never a valid JWT or MAC elsewhere. */
function cookieKey(secret: string): Buffer {
  return createHmac("sha256", secret).update("cckm-bull-board-session-cookie-v1").digest();
}

function macOf(sessionId: string, secret: string): string {
  return createHmac("sha256", cookieKey(secret)).update(sessionId).digest("base64url");
}

/** The cookie's value: `<session id>.<HMAC of the id>`. Session ids are not secret; the MAC is what a forger lacks. */
export function signSessionId(sessionId: string, secret: string): string {
  return `${sessionId}.${macOf(sessionId, secret)}`;
}

/** The session id a cookie value names, or null when it is malformed or its MAC does not match. */
export function verifySessionCookie(value: string | undefined, secret: string): string | null {
  if (!value) return null;
  const [id, mac, ...rest] = value.split(".");
  if (!id || !mac || rest.length > 0 || !UUID.test(id) || !MAC.test(mac)) return null;
  const expected = Buffer.from(macOf(id, secret));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}

/** The session cookie's raw value from the Cookie header (no cookie-parser: this is the only cookie we read). */
export function readSessionCookie(req: Request): string | undefined {
  const header = req.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** HttpOnly, SameSite=Strict, Path=/admin; Secure when the request came over TLS. */
export function cookieOptions(req: Request, maxAgeSeconds?: number): CookieOptions {
  return {
    httpOnly: true,
    sameSite: "strict",
    path: COOKIE_PATH,
    secure: req.secure,
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds * 1000 } : {}),
  };
}
