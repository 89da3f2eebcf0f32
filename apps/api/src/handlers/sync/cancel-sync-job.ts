import { cancelSync } from "@cckm/jobs";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { idParam } from "../../http/validate.ts";
import { findSyncJobOr404 } from "./find-sync-job.ts";
import { syncResource } from "./sync-resource.ts";

/**
 * `POST /cckm/sap/synchronization-jobs/{id}/cancel`: asks a running sync to stop. Answers the job
 * with `abort: true`, still `in_progress`; the worker stops before its next group and ends it
 * `completed` (the groups done so far stay). A sync that already ended is a 409.
 */
export function cancelSyncJob(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const id = idParam(req.params);
    res.locals.audit = { action: "sync.cancel", resourceType: "sap_synchronization_job", resourceId: id };
    const outcome = await cancelSync(deps.pool, id);
    if (outcome === "not_found") throw new ApiError(404, `synchronization job ${id} not found`);
    if (outcome === "ended") throw new ApiError(409, `synchronization job ${id} already ended`);
    const row = await findSyncJobOr404(deps, id);
    res.json(syncResource(row));
  };
}
