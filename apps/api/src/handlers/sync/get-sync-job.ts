import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { idParam } from "../../http/validate.ts";
import { SYNC_INCLUDE, syncResource } from "./sync-resource.ts";

/** `GET /cckm/sap/synchronization-jobs/{id}`. */
export function getSyncJob(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const id = idParam(req.params);
    const row = await deps.db.syncJob.findUnique({ where: { id }, include: SYNC_INCLUDE });
    if (!row) throw new ApiError(404, `synchronization job ${id} not found`);
    res.json(syncResource(row));
  };
}
