import type { Request, RequestHandler } from "express";
import { ApiError } from "../http/errors.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function hostOf(url: string | undefined): string | null {
  if (!url || url === "null") return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/**
 * Why a state-changing request is not same-origin, or null when it is. The Origin header (else the
 * Referer) must name this server's Host. Hosts are compared without the scheme: behind a proxy that
 * terminates TLS the browser says https while this process sees http.
 */
export function crossOriginReason(req: Request): string | null {
  const fetchSite = req.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return `Sec-Fetch-Site is ${fetchSite}`;
  const host = req.get("host");
  const origin = req.get("origin");
  const source = origin !== undefined ? hostOf(origin) : hostOf(req.get("referer"));
  if (!source) return origin !== undefined ? "the Origin header is not usable" : "neither Origin nor Referer is sent";
  return source === host ? null : "the request comes from another origin";
}

/**
 * CSRF protection for everything under /admin that changes state (sign-in and sign-out included):
 * besides the SameSite=Strict cookie, every request but GET/HEAD/OPTIONS must come from our own origin.
 */
export const requireSameOrigin: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const reason = crossOriginReason(req);
  if (reason) throw new ApiError(403, `cross-site request refused: ${reason}`);
  next();
};
