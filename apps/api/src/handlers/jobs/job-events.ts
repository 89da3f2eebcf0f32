import { findKeyJob } from "@cckm/jobs";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { idParam } from "../../http/validate.ts";
import { lastEventId, streamJobEvents } from "./event-stream.ts";

/**
 * `GET /cckm/sap/keys/jobs/{id}/events`: the job's state changes as server-sent events, from its
 * first (PENDING) or after `Last-Event-ID`, live until it is DONE or FAILED; then the stream ends.
 */
export function jobEvents(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const id = idParam(req.params);
    const after = lastEventId(req) ?? "0";
    const row = await findKeyJob(deps.db, id);
    if (!row) throw new ApiError(404, `job ${id} not found`);
    await streamJobEvents(deps, req, res, { filter: { jobId: id }, afterId: after, endOnTerminal: true });
  };
}
