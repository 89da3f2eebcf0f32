import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { type CloudConnections, connectionRef, refName } from "./cloud-connections.ts";

/**
 * `POST /connectionmgmt/services/<service>/connections/{id}/test`, every cloud's: a signed call with
 * the connection's credentials (SAP: a fresh token and one group; AWS: ListKeys in its region; OCI:
 * the tenancy's vaults). 200 with `connection_ok` either way (the outcome is the answer), recorded on
 * the connection (`last_connection_ok`, `last_connection_error`, `last_connection_at`). An endpoint the
 * client's endpoint policy refuses is a 400: nothing is sent there and nothing recorded.
 */
export function testConnection<V extends { id: string }, S extends { id: string }>(
  deps: AppDeps,
  connections: CloudConnections<V, S>,
): RequestHandler {
  return async (req, res) => {
    // By name, id or URI, like the connection's other routes.
    const ref = connectionRef(req.params);
    const { audit } = connections;
    res.locals.audit = { action: audit.test, resourceType: audit.resourceType, resourceId: refName(ref) };
    const row = await connections.findStored(deps, ref);
    if (!row) throw new ApiError(404, `connection ${refName(ref)} not found`);
    res.locals.audit.resourceId = row.id;
    const outcome = await connections.probe(deps, row);
    await connections.recordTest(deps, row.id, { ok: outcome.connection_ok, error: outcome.message });
    res.locals.audit.detail = { connection_ok: outcome.connection_ok };
    res.json(outcome);
  };
}
