import compression from "compression";
import express, { type Express, type RequestHandler, Router } from "express";
import { API_PREFIX, BODY_LIMIT } from "./app-constants.ts";
import { auditTrail, auditWriter } from "./audit/audit-trail.ts";
import { authenticate, requireRight } from "./auth/authenticate.ts";
import { loginThrottleOf } from "./auth/login-throttle.ts";
import { adminRouter } from "./board/index.ts";
import type { AppDeps } from "./context.ts";
import { jsonBody } from "./http/body-parsers.ts";
import { errorHandler, notFound } from "./http/error-handler.ts";
import { rejectNul } from "./http/reject-nul.ts";
import { requestContext } from "./http/request-context.ts";
import "./http/request-types.ts";
import { securityHeaders } from "./http/security.ts";
import { docsPage } from "./openapi/docs-page.ts";
import { openApiDocument } from "./openapi/document.ts";
import { apiRoutes } from "./routes.ts";

export { API_PREFIX, BODY_LIMIT } from "./app-constants.ts";

function apiRouter(deps: AppDeps, audit: RequestHandler): Router {
  const throttle = loginThrottleOf(deps);
  const router = Router();
  // The audit trail comes first, so refused bodies (malformed, too large, NUL) are recorded too.
  router.use(audit);
  router.use(jsonBody(BODY_LIMIT));
  router.use(rejectNul);
  for (const route of apiRoutes) {
    const guards =
      route.access === "public"
        ? []
        : route.access === "authenticated"
          ? [authenticate(deps)]
          : [authenticate(deps), requireRight(route.access)];
    router[route.method](route.path, ...guards, route.handler({ deps, throttle }));
  }
  return router;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.disable("etag");
  app.set("trust proxy", false);
  app.use(requestContext(deps.logger, deps.metrics));
  // gzip when the client asks (`curl --compressed`, as every example in CipherTrust's docs).
  app.use(compression());
  app.use(securityHeaders());

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  // Prometheus text; unauthenticated like /healthz: keep it on the internal network (see docs/operations.md).
  app.get("/metrics", async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  app.get("/readyz", async (_req, res) => {
    const report = await deps.readiness.check();
    res.status(report.ok ? 200 : 503).json(report);
  });

  app.get("/api/docs/openapi.json", (_req, res) => {
    res.json(openApiDocument());
  });
  app.get("/api/docs", (_req, res) => {
    res.set("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'").type("html").send(docsPage());
  });
  // One audit writer per process: the records of requests that end together share a commit.
  const audit = auditTrail(auditWriter(deps.pool));
  app.use(API_PREFIX, apiRouter(deps, audit));
  app.use("/admin", adminRouter(deps, audit));
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
