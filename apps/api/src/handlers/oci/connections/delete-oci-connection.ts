import { deleteOciConnection as removeConnection } from "@cckm/inventory";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../../context.ts";
import { findOciConnectionOr404 } from "./find-oci-connection.ts";

/** `DELETE /connectionmgmt/services/oci/connections/{id}`: 204; 409 while vaults or a sync depend on it. */
export function deleteOciConnection(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const row = await findOciConnectionOr404(deps, req.params);
    res.locals.audit = { action: "connection.delete", resourceType: "oci_connection", resourceId: row.id };
    await removeConnection(deps.db, row);
    res.status(204).end();
  };
}
