import { findKeyJob } from "@cckm/jobs";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { sendWithEtag } from "../../http/etag.ts";
import { idParam } from "../../http/validate.ts";
import { jobResource } from "./job-resource.ts";

/** `GET /cckm/sap/keys/jobs/{id}`: 304 while nothing changed. */
export function getJob(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const id = idParam(req.params);
    const row = await findKeyJob(deps.db, id);
    if (!row) throw new ApiError(404, `job ${id} not found`);
    sendWithEtag(req, res, jobResource(row));
  };
}
