import { deleteAwsConnection as removeConnection } from "@cckm/inventory";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { findAwsConnectionOr404 } from "./find-aws.ts";

/** `DELETE /connectionmgmt/services/aws/connections/{id}`: 204; 409 while a KMS resource names it. */
export function deleteAwsConnection(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const found = await findAwsConnectionOr404(deps, req.params);
    res.locals.audit = { action: "aws_connection.delete", resourceType: "aws_connection", resourceId: found.id };
    await removeConnection(deps.db, found);
    res.status(204).end();
  };
}
