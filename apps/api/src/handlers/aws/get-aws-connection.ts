import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { awsConnectionResource } from "./aws-connection-resource.ts";
import { findAwsConnectionOr404 } from "./find-aws.ts";

/** `GET /connectionmgmt/services/aws/connections/{id}` (name, id or URI). */
export function getAwsConnection(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    res.json(awsConnectionResource(await findAwsConnectionOr404(deps, req.params)));
  };
}
