import { isDatabaseUnavailable } from "@cckm/db";
import type { Logger } from "@cckm/log";
import type { ErrorRequestHandler, RequestHandler } from "express";
import { RequestBodyError, refusedBody } from "./body-parsers.ts";
import { domainError } from "./domain-errors.ts";
import { ApiError, type ErrorStatus, errorBody } from "./errors.ts";

/** What a client waits before trying again while Postgres is away (readiness polls it every few s). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Unknown routes answer 404 with the error body, never Express's HTML page. */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new ApiError(404, `no route for ${req.method} ${req.path}`));
};

/** The router's error for a path parameter that is not valid percent-encoding (`%ZZ`, a lone `%`). */
function isBadPathEncoding(error: unknown): boolean {
  return error instanceof URIError && (error as { status?: unknown }).status === 400;
}

/** The code an error names itself by (SQLSTATE, socket code, Prisma's P-code), for a log line. */
function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * The one place that picks an error's status and body: our ApiErrors as they say; the packages'
 * errors (jobs, inventory, auth, SAP) by the domain-error table; refused bodies
 * 400/413/415; a path that is not percent-encoding 400; Postgres out of reach 503 with Retry-After
 * (the client may try again, unlike a real fault); anything else 500, saying nothing about internals.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    let status: ErrorStatus;
    let message: string;
    const domain = domainError(error);
    if (error instanceof ApiError) {
      ({ status, message } = error);
    } else if (domain) {
      ({ status, message } = domain);
    } else if (error instanceof RequestBodyError) {
      ({ status, message } = refusedBody(error));
    } else if (isBadPathEncoding(error)) {
      [status, message] = [400, "malformed percent-encoding in the path"];
    } else if (isDatabaseUnavailable(error)) {
      // Only the code: a driver error can carry SQL and connection details.
      logger.warn({ code: codeOf(error), method: req.method, path: req.path }, "database unavailable");
      res.set("retry-after", String(DATABASE_RETRY_AFTER_SECONDS));
      [status, message] = [503, "the database is unavailable; try again later"];
    } else {
      logger.error({ err: error, method: req.method, path: req.path }, "unhandled error");
      [status, message] = [500, "Internal Server Error"];
    }
    res.status(status).json(errorBody(status, message, req.requestId));
  };
}
