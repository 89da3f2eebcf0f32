import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { awsKeyResource } from "./aws-key-resource.ts";
import { findAwsKeyOr404 } from "./find-aws.ts";

/** `GET /cckm/aws/keys/{id}` (the CM id). */
export function getAwsKey(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    res.json(awsKeyResource(await findAwsKeyOr404(deps, req.params)));
  };
}
