import { latestJobEventId } from "@cckm/jobs";
import type { Request, Response } from "express";
import type { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { lastEventId, streamJobEvents } from "./event-stream.ts";
import type { query } from "./job-list-query.ts";

/**
 * `GET /cckm/sap/keys/jobs?watch=true`: the state changes of the jobs the list's filters select, as
 * server-sent events, from now on (or after `Last-Event-ID`), until the client goes away.
 */
export async function watchJobs(deps: AppDeps, req: Request, res: Response, q: z.output<typeof query>): Promise<void> {
  const after = lastEventId(req) ?? (await latestJobEventId(deps.pool));
  const filter = { state: q.state, operation: q.operation, cckmKeyId: q.cckm_key_id };
  await streamJobEvents(deps, req, res, { filter, afterId: after, endOnTerminal: false });
}
