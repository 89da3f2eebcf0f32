import type { Logger } from "@cckm/log";
import type { ErrorRequestHandler, RequestHandler } from "express";
import { errorBody, KmsError } from "./errors.ts";

/** Unknown routes answer 404 ROUTE_NOT_FOUND (not NOT_FOUND: a client must not read it as "no such key"). */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new KmsError("ROUTE_NOT_FOUND", `no route for ${req.method} ${req.path}`));
};

/** Body-parser errors become 400/413; anything unexpected a 500 that says nothing about internals. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    let known: KmsError | undefined;
    const status = (error as { status?: unknown })?.status;
    if (error instanceof KmsError) known = error;
    else if (status === 413) known = new KmsError("PAYLOAD_TOO_LARGE", "request body too large (limit 64 KiB)");
    else if (typeof status === "number" && status >= 400 && status < 500) {
      known = new KmsError("BAD_REQUEST", "malformed request body (expected JSON)");
    }
    if (res.headersSent) return;
    if (known !== undefined) {
      res.status(known.status).json(errorBody(known.code, known.message));
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, "unhandled error");
    res.status(500).json(errorBody("INTERNAL_ERROR", "internal error"));
  };
}
