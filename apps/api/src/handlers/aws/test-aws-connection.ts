import { findStoredAwsConnection, recordAwsConnectionTest } from "@cckm/inventory";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { probeAws } from "./aws-probe.ts";
import { awsConnectionRef } from "./find-aws.ts";

/**
 * `POST /connectionmgmt/services/aws/connections/{id}/test`: a signed ListKeys in the connection's
 * region. 200 with `connection_ok` either way; the outcome is recorded on the connection.
 */
export function testAwsConnection(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const ref = awsConnectionRef(req.params);
    const named = "id" in ref ? ref.id : ref.name;
    res.locals.audit = { action: "aws_connection.test", resourceType: "aws_connection", resourceId: named };
    const row = await findStoredAwsConnection(deps.db, ref);
    if (!row) throw new ApiError(404, `connection ${named} not found`);
    res.locals.audit.resourceId = row.id;
    const outcome = await probeAws(() => deps.awsClients.for(row, row.awsRegion), "connection.endpoint");
    await recordAwsConnectionTest(deps.db, row.id, { ok: outcome.connection_ok, error: outcome.message });
    res.locals.audit.detail = { connection_ok: outcome.connection_ok };
    res.json(outcome);
  };
}
