import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { connectionResource } from "./connection-resource.ts";
import { findConnectionOr404 } from "./find-connection.ts";

/** `GET /connectionmgmt/services/sap-dc/connections/{id}`. */
export function getConnection(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    res.json(connectionResource(await findConnectionOr404(deps, req.params)));
  };
}
