import { JOB_STATES } from "@cckm/db";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { sendWithEtag } from "../../http/etag.ts";
import { ALL, envelope, listQuery, orderByOf, sendList } from "../../http/list.ts";
import { parse } from "../../http/validate.ts";
import { boundedTotal } from "./bounded-total.ts";
import { jobResource } from "./job-resource.ts";

export const query = listQuery(
  {
    state: z.enum(JOB_STATES).optional(),
    operation: z.enum(["delete", "restore"]).optional(),
    cckm_key_id: z.uuid().optional(),
  },
  ["createdAt", "updatedAt"] as const,
);

/**
 * `GET /cckm/sap/keys/jobs`: the polling route; newest first; 304 while nothing changed. `total` is
 * exact up to 10,000 matching jobs; above, an estimate, and the answer says `"total_estimated": true`.
 */
export function listJobs(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const where = {
      ...(q.state ? { state: q.state } : {}),
      ...(q.operation ? { operation: q.operation } : {}),
      ...(q.cckm_key_id ? { cckmKeyId: q.cckm_key_id } : {}),
    };
    const orderBy = orderByOf(q.sort, "-createdAt");
    const read = async (skip: number, take: number) =>
      (await deps.db.sapKeyJob.findMany({ where, orderBy, skip, take })).map(jobResource);
    if (q.limit === ALL) {
      // Every job, streamed page by page: no ETag (the body is never held whole).
      await sendList(
        req,
        res,
        q,
        boundedTotal(deps.db, q).then((c) => c.total),
        read,
      );
      return;
    }
    const [counted, rows] = await Promise.all([boundedTotal(deps.db, q), read(q.skip, q.limit)]);
    const body = envelope(q.skip, q.limit, counted.total, rows);
    sendWithEtag(req, res, counted.estimated ? { ...body, total_estimated: true } : body);
  };
}
