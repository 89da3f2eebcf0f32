import express, { type RequestHandler } from "express";

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

/** JSON bodies (identity, gzip, deflate or br), at most `limit`, arrays and objects only. */
export function jsonBody(limit: string): RequestHandler {
  return refusingBody(express.json({ limit, strict: true }));
}

/** HTML form bodies, flat (no nesting), at most `limit` and `parameterLimit` fields. */
export function formBody(limit: string, parameterLimit: number): RequestHandler {
  return refusingBody(express.urlencoded({ extended: false, limit, parameterLimit }));
}
