import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { idParam } from "../../http/validate.ts";
import { awsSyncResource } from "./aws-sync-resource.ts";
import { findAwsSyncJobOr404 } from "./find-aws.ts";

/** `GET /cckm/aws/synchronization-jobs/{id}`. */
export function getAwsSyncJob(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    res.json(awsSyncResource(await findAwsSyncJobOr404(deps, idParam(req.params))));
  };
}
