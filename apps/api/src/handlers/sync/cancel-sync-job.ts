import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { idParam } from "../../http/validate.ts";
import { type CloudSyncJobs, findSyncJobOr404 } from "./cloud-sync-jobs.ts";

/**
 * `POST /cckm/<cloud>/synchronization-jobs/{id}/cancel`, every cloud's: asks a running sync to stop.
 * Answers the job with `abort: true`, still `in_progress`; the worker stops before its next container
 * (group, region, vault) and ends it `completed` (what was done stays). A sync that already ended is a 409.
 */
export function cancelSyncJob<Row>(deps: AppDeps, jobs: CloudSyncJobs<Row>): RequestHandler {
  return async (req, res) => {
    const id = idParam(req.params);
    res.locals.audit = { action: jobs.audit.cancel, resourceType: jobs.audit.resourceType, resourceId: id };
    const outcome = await jobs.cancel(deps, id);
    if (outcome === "not_found") throw new ApiError(404, `synchronization job ${id} not found`);
    if (outcome === "ended") throw new ApiError(409, `synchronization job ${id} already ended`);
    res.json(jobs.resource(await findSyncJobOr404(deps, jobs, id)));
  };
}
