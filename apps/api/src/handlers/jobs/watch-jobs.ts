import { latestJobEventId } from "@cckm/jobs";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { parse } from "../../http/validate.ts";
import { lastEventId, streamJobEvents } from "./event-stream.ts";
import { query } from "./list-jobs.ts";

/**
 * `GET /cckm/sap/keys/jobs?watch=true`: the state changes of the jobs the list's filters select, as
 * server-sent events, from now on (or after `Last-Event-ID`), until the client goes away.
 */
export function watchJobs(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const after = lastEventId(req) ?? (await latestJobEventId(deps.pool));
    const filter = { state: q.state, operation: q.operation, cckmKeyId: q.cckm_key_id };
    await streamJobEvents(deps, req, res, { filter, afterId: after, endOnTerminal: false });
  };
}
