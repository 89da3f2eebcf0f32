import type { Logger } from "@cckm/log";
import type { ErrorRequestHandler, RequestHandler } from "express";
import { AwsError } from "./aws-error.ts";
import { sendError } from "./reply.ts";

/** Unknown routes: AWS's UnknownOperationException, 404 (never NotFoundException: no client may read it as "no such key"). */
export const notFound: RequestHandler = (req, _res, next) => {
  next(new AwsError("UnknownOperationException", `no route for ${req.method} ${req.path}`, 404));
};

/** Body-parser errors become SerializationException (413 when too large); anything unexpected KMSInternalException. */
export function errorHandler(logger: Logger, bodyLimit: string): ErrorRequestHandler {
  return (error, req, res, _next) => {
    let known: AwsError | undefined;
    const status = (error as { status?: unknown })?.status;
    if (error instanceof AwsError) known = error;
    else if (status === 413)
      known = new AwsError("SerializationException", `request body too large (limit ${bodyLimit})`, 413);
    else if (typeof status === "number" && status >= 400 && status < 500) {
      known = new AwsError("SerializationException", "the request body could not be read");
    }
    if (res.headersSent) return;
    if (known !== undefined) return sendError(res, known);
    logger.error({ err: error, method: req.method, path: req.path }, "unhandled error");
    sendError(res, new AwsError("KMSInternalException", "internal error"));
  };
}
