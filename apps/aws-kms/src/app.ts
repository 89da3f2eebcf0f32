import express, { type Express } from "express";
import { mountAdminRoute } from "./admin/admin-route.ts";
import { ADMIN_ROUTES } from "./admin/index.ts";
import type { SimulatorContext } from "./context.ts";
import { errorHandler, notFound } from "./protocol/error-handler.ts";
import { kmsRoute } from "./protocol/kms-route.ts";

export const BODY_LIMIT = "256kb";

/** The simulator's HTTP app: `/healthz`, the KMS API at `POST /`, the admin routes under `/admin`. */
export function createApp(ctx: SimulatorContext): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.use((req, res, next) => {
    // The simulator's clock, as AWS's: the SDK corrects its clock skew from this header.
    res.set("date", new Date(ctx.now()).toUTCString());
    const started = performance.now();
    res.on("finish", () => {
      const ms = Math.round(performance.now() - started);
      const target = req.get("x-amz-target");
      ctx.logger.debug({ method: req.method, path: req.path, target, status: res.statusCode, ms }, "request");
    });
    next();
  });

  // The raw bytes: the signature covers them exactly as sent.
  app.post("/", express.raw({ type: () => true, limit: BODY_LIMIT }), kmsRoute(ctx));

  const admin = express.Router();
  admin.use(express.json({ limit: BODY_LIMIT, strict: true }));
  for (const route of ADMIN_ROUTES) mountAdminRoute(admin, route, ctx);
  app.use("/admin", admin);

  app.use(notFound);
  app.use(errorHandler(ctx.logger, BODY_LIMIT));
  return app;
}
