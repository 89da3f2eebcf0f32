import type { Logger } from "@cckm/log";
import type { ErrorRequestHandler, RequestHandler } from "express";
import { ApiError, type ErrorStatus, errorBody } from "./errors.ts";

/** Unknown routes answer 404 with the error body, never Express's HTML page. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, `no route for ${req.method} ${req.path}`));
};

/** body-parser's own errors, recognised by their `type` (e.g. `entity.parse.failed`), not by a status. */
function bodyParserStatus(error: unknown): ErrorStatus | undefined {
  const type = (error as { type?: unknown })?.type;
  if (typeof type !== "string" || !/^(entity|encoding|charset|request|stream|parameters)\./.test(type))
    return undefined;
  return type === "entity.too.large" ? 413 : 400;
}

function statusOf(error: unknown): ErrorStatus | undefined {
  if (error instanceof ApiError) return error.status;
  return bodyParserStatus(error);
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
