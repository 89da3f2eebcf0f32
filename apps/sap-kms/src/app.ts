import express, { type Express } from "express";
import type { SimulatorContext } from "./context.ts";
import { mountAdminRoute } from "./http/admin-route.ts";
import { errorHandler, notFound } from "./http/error-handler.ts";
import { mountTenantRoute } from "./http/tenant-route.ts";
import { ADMIN_ROUTES, TENANT_ROUTES } from "./routes/index.ts";

export const BODY_LIMIT = "64kb";

/** The simulator's HTTP app: `/healthz`, the SAP routes under `/kms/v2`, the admin routes under `/admin`. */
export function createApp(ctx: SimulatorContext): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.use((req, res, next) => {
    const started = performance.now();
    res.on("finish", () => {
      const ms = Math.round(performance.now() - started);
      ctx.logger.debug({ method: req.method, path: req.path, status: res.statusCode, ms }, "request");
    });
    next();
  });
  app.use(express.json({ limit: BODY_LIMIT, strict: true }));

  const kms = express.Router();
  for (const route of TENANT_ROUTES) mountTenantRoute(kms, route, ctx);
  app.use("/kms/v2", kms);

  const admin = express.Router();
  for (const route of ADMIN_ROUTES) mountAdminRoute(admin, route, ctx);
  app.use("/admin", admin);

  app.use(notFound);
  app.use(errorHandler(ctx.logger));
  return app;
}
