import { countKeyJobs, type KeyJobFilter, listKeyJobs } from "@cckm/jobs";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { sendWithEtag } from "../../http/etag.ts";
import { ALL, envelope, sendList } from "../../http/list.ts";
import { parse } from "../../http/validate.ts";
import { query } from "./job-list-query.ts";
import { jobResource } from "./job-resource.ts";
import { watchJobs } from "./watch-jobs.ts";

export { query };

/**
 * `GET /cckm/sap/keys/jobs`: the polling route; newest first; 304 while nothing changed. `total` is
 * exact up to 10,000 matching jobs; above, an estimate, and the answer says `"total_estimated": true`.
 * `watch=true` (as the query parses it) streams the listed jobs' state changes instead (watchJobs).
 */
export function listJobs(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    if (q.watch) {
      await watchJobs(deps, req, res, q);
      return;
    }
    const filter: KeyJobFilter = { state: q.state, operation: q.operation, cckmKeyId: q.cckm_key_id };
    const read = async (skip: number, take: number) =>
      (await listKeyJobs(deps.db, filter, { skip, take, sort: q.sort })).map(jobResource);
    if (q.limit === ALL) {
      // Every job, streamed page by page: no ETag (the body is never held whole).
      await sendList(req, res, q, async () => (await countKeyJobs(deps.db, filter)).total, read);
      return;
    }
    const [counted, rows] = await Promise.all([countKeyJobs(deps.db, filter), read(q.skip, q.limit)]);
    const body = envelope(q.skip, q.limit, counted.total, rows);
    sendWithEtag(req, res, counted.estimated ? { ...body, total_estimated: true } : body);
  };
}
