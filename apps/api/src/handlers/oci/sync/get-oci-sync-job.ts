import type { RequestHandler } from "express";
import type { AppDeps } from "../../../context.ts";
import { idParam } from "../../../http/validate.ts";
import { findOciSyncJobOr404 } from "./find-oci-sync-job.ts";
import { ociSyncResource } from "./oci-sync-resource.ts";

/** `GET /cckm/oci/synchronization-jobs/{id}`. */
export function getOciSyncJob(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    res.json(ociSyncResource(await findOciSyncJobOr404(deps, idParam(req.params))));
  };
}
