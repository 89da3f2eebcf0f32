import type { ReadinessProbe } from "@cckm/health";
import type { Logger } from "@cckm/log";
import express, { type Express } from "express";
import { errorHandler, notFound } from "./http/error-handler.ts";

export interface AppDeps {
  logger: Logger;
  readiness: ReadinessProbe;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", false);

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const report = await deps.readiness.check();
    res
      .status(report.ok ? 200 : 503)
      .set("cache-control", "no-store")
      .json(report);
  });

  app.use(express.json({ limit: "64kb", strict: true }));
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
