import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { awsKmsResource } from "./aws-kms-resource.ts";
import { findAwsKmsOr404 } from "./find-aws.ts";

/** `GET /cckm/aws/kms/{id}` (name, id or URI). */
export function getAwsKms(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    res.json(awsKmsResource(await findAwsKmsOr404(deps, req.params)));
  };
}
