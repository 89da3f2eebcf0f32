import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { findConnectionOr404 } from "./find-connection.ts";

/**
 * `DELETE /connectionmgmt/services/sap-dc/connections/{id}`: 204, taking its groups and sync history;
 * 409 while keys (and so their jobs and backups) or a running synchronization depend on it.
 */
export function deleteConnection(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const row = await findConnectionOr404(deps, req.params);
    res.locals.audit = { action: "connection.delete", resourceType: "sap_connection", resourceId: row.id };
    const [keys, running] = await Promise.all([
      deps.db.sapKey.count({ where: { connectionId: row.id } }),
      deps.db.syncJob.count({ where: { connectionId: row.id, overallStatus: "in_progress" } }),
    ]);
    if (keys > 0) throw new ApiError(409, `connection ${row.name} still has ${keys} key(s) in the inventory`);
    if (running > 0) throw new ApiError(409, `connection ${row.name} is being synchronized`);
    try {
      await deps.db.sapConnection.delete({ where: { id: row.id } });
    } catch (error) {
      // A key synchronized in between: the foreign key refuses, and so do we.
      if ((error as { code?: string }).code === "P2003") throw new ApiError(409, `connection ${row.name} is in use`);
      throw error;
    }
    res.status(204).end();
  };
}
