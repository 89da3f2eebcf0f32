import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { type CloudConnections, findCloudConnectionOr404 } from "./cloud-connections.ts";

/** `GET /connectionmgmt/services/<service>/connections/{id}` (name, id or URI), every cloud's. */
export function getConnection<V extends { id: string }, S extends { id: string }>(
  deps: AppDeps,
  connections: CloudConnections<V, S>,
): RequestHandler {
  return async (req, res) => {
    res.json(connections.resource(await findCloudConnectionOr404(deps, connections, req.params)));
  };
}
