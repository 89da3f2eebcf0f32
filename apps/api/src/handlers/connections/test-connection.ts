import { EndpointForbiddenError, SapKmsError } from "@cckm/sap-kms-client";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { idParam } from "../../http/validate.ts";
import { refusalMessage } from "./endpoint-check.ts";

/**
 * `POST /connectionmgmt/services/sap-dc/connections/{id}/test`: signs in to the tenant with a fresh
 * token and lists one group. 200 with `connection_ok` either way (the outcome is the answer), and
 * the outcome is recorded on the connection. An endpoint the client's endpoint policy refuses (as
 * written, or what its name resolves to; stored before the policy or before the opt-in was turned
 * off) is a 400: nothing is sent there and nothing recorded.
 */
export function testConnection(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const id = idParam(req.params);
    res.locals.audit = { action: "connection.test", resourceType: "sap_connection", resourceId: id };
    const row = await deps.db.sapConnection.findUnique({ where: { id } });
    if (!row) throw new ApiError(404, `connection ${id} not found`);
    const client = deps.sapClients.fresh(row);
    let message = "signed in and listed groups";
    let ok = true;
    try {
      await client.login();
      await client.listGroups({ top: 1 });
    } catch (error) {
      if (!(error instanceof SapKmsError)) throw error;
      // The policy refused the address before anything was sent.
      if (error.cause instanceof EndpointForbiddenError) {
        throw new ApiError(400, refusalMessage("connection.api_endpoint", error.cause.refusal));
      }
      ok = false;
      message = `${error.code}: ${error.message}`;
    }
    await deps.db.sapConnection.update({ where: { id }, data: { lastTestedAt: new Date(), lastTestOk: ok } });
    res.locals.audit.detail = { connection_ok: ok };
    res.json({ connection_ok: ok, message });
  };
}
