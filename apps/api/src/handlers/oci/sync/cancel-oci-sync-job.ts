import { cancelOciSync } from "@cckm/jobs";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../../context.ts";
import { ApiError } from "../../../http/errors.ts";
import { idParam } from "../../../http/validate.ts";
import { findOciSyncJobOr404 } from "./find-oci-sync-job.ts";
import { ociSyncResource } from "./oci-sync-resource.ts";

/** `POST /cckm/oci/synchronization-jobs/{id}/cancel`: `abort: true`; the worker stops before its next vault. */
export function cancelOciSyncJob(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const id = idParam(req.params);
    res.locals.audit = { action: "sync.cancel", resourceType: "oci_synchronization_job", resourceId: id };
    const outcome = await cancelOciSync(deps.pool, id);
    if (outcome === "not_found") throw new ApiError(404, `synchronization job ${id} not found`);
    if (outcome === "ended") throw new ApiError(409, `synchronization job ${id} already ended`);
    res.json(ociSyncResource(await findOciSyncJobOr404(deps, id)));
  };
}
