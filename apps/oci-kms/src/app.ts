import express, { type Express, type Router } from "express";
import type { SimulatorContext } from "./context.ts";
import { mountAdminRoute } from "./http/admin-route.ts";
import { errorHandler, notFound } from "./http/error-handler.ts";
import { mountOciRoute } from "./http/oci-route.ts";
import { keepRawBody } from "./http/raw-body.ts";
import { ADMIN_ROUTES, OCI_ROUTES } from "./routes/index.ts";

export const BODY_LIMIT = "64kb";

function router(ctx: SimulatorContext, endpoint: "vault" | "management"): Router {
  const r = express.Router({ mergeParams: true });
  for (const route of OCI_ROUTES) if (route.endpoint === endpoint) mountOciRoute(r, route, ctx);
  return r;
}

/**
 * The simulator's HTTP app:
 * - `/healthz`;
 * - the vault endpoint of the default region at `/20180608/...`, of any region at `/regions/{region}/20180608/...`;
 * - each vault's management endpoint at `/vaults/{vaultId}/management/20180608/...` (what its
 *   `managementEndpoint` says); `/vaults/{vaultId}/crypto` is advertised but serves nothing;
 * - the admin routes under `/admin`.
 */
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
  app.use(express.json({ limit: BODY_LIMIT, strict: true, verify: keepRawBody }));

  const vaults = router(ctx, "vault");
  app.use("/regions/:region", vaults);
  app.use("/", vaults);
  app.use("/vaults/:vaultId/management", router(ctx, "management"));

  const admin = express.Router();
  for (const route of ADMIN_ROUTES) mountAdminRoute(admin, route, ctx);
  app.use("/admin", admin);

  app.use(notFound);
  app.use(errorHandler(ctx.logger, BODY_LIMIT));
  return app;
}
