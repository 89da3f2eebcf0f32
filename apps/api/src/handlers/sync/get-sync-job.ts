import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { idParam } from "../../http/validate.ts";
import { type CloudSyncJobs, findSyncJobOr404 } from "./cloud-sync-jobs.ts";

/** `GET /cckm/<cloud>/synchronization-jobs/{id}`, every cloud's. */
export function getSyncJob<Row>(deps: AppDeps, jobs: CloudSyncJobs<Row>): RequestHandler {
  return async (req, res) => {
    res.json(jobs.resource(await findSyncJobOr404(deps, jobs, idParam(req.params))));
  };
}
