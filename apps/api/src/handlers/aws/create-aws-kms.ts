import { addAwsKms, findAwsConnection } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { idOrName } from "../../http/query-types.ts";
import { parse } from "../../http/validate.ts";
import { accountId, connectionField, kmsName, regions } from "./aws-kms-input.ts";
import { awsKmsResource } from "./aws-kms-resource.ts";

export const body = z.object({
  name: kmsName,
  account_id: accountId,
  connection: connectionField,
  regions,
  assume_role_arn: z.string().max(2048).nullish(),
  assume_role_external_id: z.string().max(1224).nullish(),
});

/** `POST /cckm/aws/kms`: 201; the connection (name or id) must exist (else 400). A name taken is a 409. */
export function createAwsKms(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    res.locals.audit = { action: "aws_kms.create", resourceType: "aws_kms", detail: { name: input.name } };
    const connection = await findAwsConnection(deps.db, idOrName(input.connection));
    if (!connection) throw new ApiError(400, `body.connection: connection ${input.connection} not found`);
    const view = await addAwsKms(deps.db, {
      name: input.name,
      accountId: input.account_id,
      regions: [...new Set(input.regions)],
      connectionId: connection.id,
    });
    res.locals.audit.resourceId = view.id;
    res.status(201).json(awsKmsResource(view));
  };
}
