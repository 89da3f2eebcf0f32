import express, { type Request, type RequestHandler } from "express";
import { UnparsedBody } from "./validate.ts";

/**
 * Whatever a body parser refused: the body is too large, malformed, not decodable with its
 * Content-Encoding (a zlib or brotli error), or in an encoding or charset we do not read. The
 * parser's own error is the cause; the error handler picks the status from it.
 */
export class RequestBodyError extends Error {
  constructor(cause: unknown) {
    super("request body refused", { cause });
    this.name = "RequestBodyError";
  }
}

const MESSAGES = {
  400: "malformed request body (not valid JSON or form data, or not encoded as its Content-Encoding says)",
  413: "request body too large",
  415: "unsupported Content-Encoding or charset (bodies are identity, gzip, deflate or br, in UTF-8)",
} as const;

/**
 * The status and message of a refused body, as the parser meant it: 413 too large (bytes or
 * fields), 415 an encoding or charset it does not read; 400 for the rest (malformed JSON, a
 * gzip/deflate/br body whose bytes are not that, an aborted upload).
 */
export function refusedBody(error: RequestBodyError): { status: 400 | 413 | 415; message: string } {
  const cause = (error.cause as { status?: unknown } | null)?.status;
  const status = cause === 413 || cause === 415 ? cause : 400;
  return { status, message: MESSAGES[status] };
}

/**
 * Runs a body parser and hands on what it refused as a RequestBodyError. Only the parser's client
 * errors (4xx, which is all it raises about the request) are wrapped; anything else stays as it is.
 */
function refusingBody(parser: RequestHandler): RequestHandler {
  return (req, res, next) => {
    parser(req, res, (error?: unknown) => {
      if (error === undefined || error === null) return next();
      const status = (error as { status?: unknown }).status;
      if (typeof status === "number" && status >= 400 && status < 500) return next(new RequestBodyError(error));
      next(error);
    });
  };
}

/** Whether the request carries body bytes (an empty body with any Content-Type counts as none). */
function carriesBody(req: Request): boolean {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && Number(length) > 0);
}

/**
 * JSON bodies (identity, gzip, deflate or br), at most `limit`, arrays and objects only. An empty
 * body is no body, whatever its Content-Type (clients send `application/json` on GET, DELETE and
 * bodyless POSTs). Bytes in another media type are left unread and marked `UnparsedBody`, so a route
 * that takes a JSON body can say what was wrong (415) and one that takes none ignores them.
 */
export function jsonBody(limit: string): RequestHandler {
  const parser = refusingBody(express.json({ limit, strict: true }));
  return (req, res, next) => {
    parser(req, res, (error?: unknown) => {
      if (error !== undefined && error !== null) return next(error);
      if (req.body === undefined && carriesBody(req)) req.body = new UnparsedBody(req.get("content-type"));
      next();
    });
  };
}

/** HTML form bodies, flat (no nesting), at most `limit` and `parameterLimit` fields. */
export function formBody(limit: string, parameterLimit: number): RequestHandler {
  return refusingBody(express.urlencoded({ extended: false, limit, parameterLimit }));
}
