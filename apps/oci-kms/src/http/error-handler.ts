import type { Logger } from "@cckm/log";
import type { ErrorRequestHandler, RequestHandler } from "express";
import { errorBody, OciApiError } from "./errors.ts";

/** Unknown routes answer 404 NotFound (not NotAuthorizedOrNotFound: a client must not read it as "no such key"). */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new OciApiError("NotFound", `no route for ${req.method} ${req.path}`));
};

/** Body-parser errors become 400 InvalidParameter / 413; anything unexpected a 500 that says nothing about internals. */
export function errorHandler(logger: Logger, bodyLimit: string): ErrorRequestHandler {
  return (error, req, res, _next) => {
    let known: OciApiError | undefined;
    const status = (error as { status?: unknown })?.status;
    if (error instanceof OciApiError) known = error;
    else if (status === 413)
      known = new OciApiError("RequestEntityTooLarge", `request body too large (limit ${bodyLimit})`);
    else if (typeof status === "number" && status >= 400 && status < 500) {
      known = new OciApiError("InvalidParameter", "malformed request body (expected JSON)");
    }
    if (res.headersSent) return;
    if (known !== undefined) {
      res.status(known.status).json(errorBody(known.code, known.message));
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, "unhandled error");
    res.status(500).json(errorBody("InternalServerError", "internal error"));
  };
}
