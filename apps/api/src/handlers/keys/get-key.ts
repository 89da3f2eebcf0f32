import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { findKeyOr404 } from "./find-key.ts";
import { keyResource } from "./key-resource.ts";

/** `GET /cckm/sap/keys/{id}`. */
export function getKey(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    res.json(keyResource(await findKeyOr404(deps, req.params)));
  };
}
