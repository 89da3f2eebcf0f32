import { addAwsConnection } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { parse } from "../../http/validate.ts";
import { awsConnectionFields, awsName, checkAwsEndpoint } from "./aws-connection-input.ts";
import { awsConnectionResource } from "./aws-connection-resource.ts";

export const body = z.object({ name: awsName, ...awsConnectionFields });

/**
 * `POST /connectionmgmt/services/aws/connections`: 201. The secret access key is sealed at rest and
 * never returned. A name taken is a 409.
 */
export function createAwsConnection(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    res.locals.audit = {
      action: "aws_connection.create",
      resourceType: "aws_connection",
      detail: { name: input.name },
    };
    checkAwsEndpoint(deps, input.endpoint, "body.endpoint");
    const view = await addAwsConnection(deps.db, deps.keyring, {
      name: input.name,
      description: input.description ?? null,
      accessKeyId: input.access_key_id,
      secretAccessKey: input.secret_access_key,
      awsRegion: input.aws_region,
      cloudName: input.cloud_name,
      endpoint: input.endpoint ?? null,
      meta: input.meta ?? undefined,
      labels: input.labels ?? undefined,
    });
    res.locals.audit.resourceId = view.id;
    res.status(201).json(awsConnectionResource(view));
  };
}
