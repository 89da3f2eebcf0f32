import type { RequestHandler } from "express";
import helmet from "helmet";

/** Security headers for a JSON API: nothing may be framed, sniffed, cached or loaded from it. */
export function securityHeaders(): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      crossOriginResourcePolicy: { policy: "same-origin" },
    }),
    (_req, res, next) => {
      res.set("cache-control", "no-store");
      next();
    },
  ];
}
