import { randomUUID } from "node:crypto";
import type { Logger } from "@cckm/log";
import type { Metrics } from "@cckm/metrics";
import type { RequestHandler } from "express";

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Gives every request an id (the client's X-Request-ID when sane), a child logger, and one log line. */
export function requestContext(logger: Logger, metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get("x-request-id");
    req.requestId = incoming && CLIENT_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.log = logger.child({ requestId: req.requestId });
    res.set("x-request-id", req.requestId);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // The route pattern, never the path: ids must not become label values.
      const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : "unmatched";
      metrics.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, ms / 1000);
      req.log.info(
        { method: req.method, route: req.route?.path ?? null, status: res.statusCode, ms: Math.round(ms * 10) / 10 },
        "request",
      );
    });
    next();
  };
}
