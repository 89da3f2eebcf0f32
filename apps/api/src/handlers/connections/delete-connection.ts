import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { type CloudConnections, findCloudConnectionOr404 } from "./cloud-connections.ts";

/**
 * `DELETE /connectionmgmt/services/<service>/connections/{id}`, every cloud's: 204; 409 while what
 * the cloud keeps under it depends on it (SAP: keys or a running synchronization; AWS: a KMS
 * resource; OCI: vaults or a sync).
 */
export function deleteConnection<V extends { id: string }, S extends { id: string }>(
  deps: AppDeps,
  connections: CloudConnections<V, S>,
): RequestHandler {
  return async (req, res) => {
    const row = await findCloudConnectionOr404(deps, connections, req.params);
    const { audit } = connections;
    res.locals.audit = { action: audit.delete, resourceType: audit.resourceType, resourceId: row.id };
    await connections.remove(deps, row);
    res.status(204).end();
  };
}
