import { deleteConnection as dropConnection } from "@cckm/inventory";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { findConnectionOr404 } from "./find-connection.ts";

/**
 * `DELETE /connectionmgmt/services/sap-dc/connections/{id}`: 204, taking its groups and sync history;
 * 409 while keys (and so their jobs and backups) or a running synchronization depend on it.
 */
export function deleteConnection(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const row = await findConnectionOr404(deps, req.params);
    res.locals.audit = { action: "connection.delete", resourceType: "sap_connection", resourceId: row.id };
    await dropConnection(deps.db, row);
    res.status(204).end();
  };
}
