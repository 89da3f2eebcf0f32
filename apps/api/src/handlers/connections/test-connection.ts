import { findStoredConnection, recordConnectionTest } from "@cckm/inventory";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { probeConnection } from "./connection-probe.ts";
import { connectionRef } from "./find-connection.ts";

/**
 * `POST /connectionmgmt/services/sap-dc/connections/{id}/test`: signs in to the tenant with a fresh
 * token and lists one group. 200 with `connection_ok` either way (the outcome is the answer), and
 * the outcome is recorded on the connection (`last_connection_ok`, `last_connection_error`,
 * `last_connection_at`). An endpoint the client's endpoint policy refuses (stored before the policy
 * or before the opt-in was turned off) is a 400: nothing is sent there and nothing recorded.
 */
export function testConnection(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    // By name, id or URI, like the connection's other routes.
    const ref = connectionRef(req.params);
    const named = "id" in ref ? ref.id : ref.name;
    res.locals.audit = { action: "connection.test", resourceType: "sap_connection", resourceId: named };
    const row = await findStoredConnection(deps.db, ref);
    if (!row) throw new ApiError(404, `connection ${named} not found`);
    const { id } = row;
    res.locals.audit.resourceId = id;
    const outcome = await probeConnection(deps.sapClients.fresh(row), "connection.api_endpoint");
    await recordConnectionTest(deps.db, id, { ok: outcome.connection_ok, error: outcome.message });
    res.locals.audit.detail = { connection_ok: outcome.connection_ok };
    res.json(outcome);
  };
}
