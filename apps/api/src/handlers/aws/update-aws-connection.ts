import { changeAwsConnection } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { parse } from "../../http/validate.ts";
import { awsConnectionPatchFields, checkAwsEndpoint } from "./aws-connection-input.ts";
import { awsConnectionResource } from "./aws-connection-resource.ts";
import { findAwsConnectionOr404 } from "./find-aws.ts";

export const body = z.object(awsConnectionPatchFields);

/** `PATCH /connectionmgmt/services/aws/connections/{id}`: a new secret is sealed afresh. */
export function updateAwsConnection(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body ?? {}, "body");
    const found = await findAwsConnectionOr404(deps, req.params);
    res.locals.audit = { action: "aws_connection.update", resourceType: "aws_connection", resourceId: found.id };
    checkAwsEndpoint(deps, input.endpoint, "body.endpoint");
    const view = await changeAwsConnection(deps.db, deps.keyring, found.id, {
      description: input.description,
      accessKeyId: input.access_key_id,
      secretAccessKey: input.secret_access_key,
      awsRegion: input.aws_region,
      cloudName: input.cloud_name,
      endpoint: input.endpoint,
      meta: input.meta ?? undefined,
      labels: input.labels ?? undefined,
    });
    if (!view) throw new ApiError(404, `connection ${found.name} not found`);
    res.json(awsConnectionResource(view));
  };
}
