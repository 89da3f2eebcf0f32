import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { idParam } from "../../http/validate.ts";
import { GROUP_SELECT, groupResource } from "./group-resource.ts";

/** `GET /cckm/sap/groups/{id}`. */
export function getGroup(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const id = idParam(req.params);
    const row = await deps.db.sapGroup.findUnique({ where: { id }, select: GROUP_SELECT });
    if (!row) throw new ApiError(404, `group ${id} not found`);
    res.json(groupResource(row));
  };
}
