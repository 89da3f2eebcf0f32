import { cancelAwsSync } from "@cckm/jobs";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { idParam } from "../../http/validate.ts";
import { awsSyncResource } from "./aws-sync-resource.ts";
import { findAwsSyncJobOr404 } from "./find-aws.ts";

/**
 * `POST /cckm/aws/synchronization-jobs/{id}/cancel`: `abort: true` on a running job; the worker
 * stops before its next region and ends it `completed`. An ended job is a 409.
 */
export function cancelAwsSyncJob(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const id = idParam(req.params);
    res.locals.audit = { action: "aws_sync.cancel", resourceType: "aws_synchronization_job", resourceId: id };
    const outcome = await cancelAwsSync(deps.pool, id);
    if (outcome === "not_found") throw new ApiError(404, `synchronization job ${id} not found`);
    if (outcome === "ended") throw new ApiError(409, `synchronization job ${id} already ended`);
    res.json(awsSyncResource(await findAwsSyncJobOr404(deps, id)));
  };
}
