import { changeAwsKms, findAwsConnection } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { idOrName } from "../../http/query-types.ts";
import { parse } from "../../http/validate.ts";
import { accountId, connectionField, kmsName, regions } from "./aws-kms-input.ts";
import { awsKmsResource } from "./aws-kms-resource.ts";
import { findAwsKmsOr404 } from "./find-aws.ts";

export const body = z.object({
  name: kmsName.optional(),
  account_id: accountId.optional(),
  connection: connectionField.optional(),
  regions: regions.optional(),
  assume_role_arn: z.string().max(2048).nullish(),
  assume_role_external_id: z.string().max(1224).nullish(),
});

/** `PATCH /cckm/aws/kms/{id}`: name, account id, connection, regions. */
export function updateAwsKms(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body ?? {}, "body");
    const found = await findAwsKmsOr404(deps, req.params);
    res.locals.audit = { action: "aws_kms.update", resourceType: "aws_kms", resourceId: found.id };
    let connectionId: string | undefined;
    if (input.connection !== undefined) {
      const connection = await findAwsConnection(deps.db, idOrName(input.connection));
      if (!connection) throw new ApiError(400, `body.connection: connection ${input.connection} not found`);
      connectionId = connection.id;
    }
    const view = await changeAwsKms(deps.db, found.id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.account_id !== undefined ? { accountId: input.account_id } : {}),
      ...(input.regions !== undefined ? { regions: [...new Set(input.regions)] } : {}),
      ...(connectionId !== undefined ? { connectionId } : {}),
    });
    if (!view) throw new ApiError(404, `KMS ${found.name} not found`);
    res.json(awsKmsResource(view));
  };
}
