import type { Logger } from "@cckm/log";
import type { ErrorRequestHandler, RequestHandler } from "express";
import { ApiError, type ErrorStatus, errorBody } from "./errors.ts";

/** Unknown routes answer 404 with the error body, never Express's HTML page. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, `no route for ${req.method} ${req.path}`));
};

function statusOf(error: unknown): ErrorStatus | undefined {
  if (error instanceof ApiError) return error.status;
  // body-parser errors carry a 4xx `status` and a `type`.
  const status = (error as { status?: unknown })?.status;
  if (status === 413) return 413;
  if (typeof status === "number" && status >= 400 && status < 500) return 400;
  return undefined;
}

/** Chooses the status and body for every error; a 500 says nothing about internals. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const status = statusOf(error);
    if (status !== undefined) {
      const message = error instanceof ApiError ? error.message : "malformed request body";
      res.status(status).json(errorBody(status, message));
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, "unhandled error");
    res.status(500).json(errorBody(500, "Internal Server Error"));
  };
}
