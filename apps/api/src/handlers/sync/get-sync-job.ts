import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { idParam } from "../../http/validate.ts";
import { findSyncJobOr404 } from "./find-sync-job.ts";
import { syncResource } from "./sync-resource.ts";

/** `GET /cckm/sap/synchronization-jobs/{id}`. */
export function getSyncJob(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const id = idParam(req.params);
    res.json(syncResource(await findSyncJobOr404(deps, id)));
  };
}
