import type { RequestHandler } from "express";
import type { AppDeps } from "../../../context.ts";
import { findOciConnectionOr404 } from "./find-oci-connection.ts";
import { ociConnectionResource } from "./oci-connection-resource.ts";

/** `GET /connectionmgmt/services/oci/connections/{id}`. */
export function getOciConnection(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    res.json(ociConnectionResource(await findOciConnectionOr404(deps, req.params)));
  };
}
