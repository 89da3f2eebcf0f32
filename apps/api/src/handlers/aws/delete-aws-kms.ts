import { deleteAwsKms as removeKms } from "@cckm/inventory";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { findAwsKmsOr404 } from "./find-aws.ts";

/** `DELETE /cckm/aws/kms/{id}`: 204; 409 while keys of the inventory belong to it. */
export function deleteAwsKms(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const found = await findAwsKmsOr404(deps, req.params);
    res.locals.audit = { action: "aws_kms.delete", resourceType: "aws_kms", resourceId: found.id };
    await removeKms(deps.db, found);
    res.status(204).end();
  };
}
