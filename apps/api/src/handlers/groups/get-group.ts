import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { findGroupOr404 } from "./find-group.ts";
import { groupResource } from "./group-resource.ts";

/** `GET /cckm/sap/groups/{id}`: by name, id or URI. */
export function getGroup(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    res.json(groupResource(await findGroupOr404(deps, req.params)));
  };
}
