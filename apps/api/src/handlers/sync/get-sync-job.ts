import { findSyncJob } from "@cckm/inventory";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { idParam } from "../../http/validate.ts";
import { syncResource } from "./sync-resource.ts";

/** `GET /cckm/sap/synchronization-jobs/{id}`. */
export function getSyncJob(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const id = idParam(req.params);
    const row = await findSyncJob(deps.db, id);
    if (!row) throw new ApiError(404, `synchronization job ${id} not found`);
    res.json(syncResource(row));
  };
}
