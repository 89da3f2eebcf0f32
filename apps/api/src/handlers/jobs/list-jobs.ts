import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { sendWithEtag } from "../../http/etag.ts";
import { envelope, listQuery, orderOf } from "../../http/list.ts";
import { parse } from "../../http/validate.ts";
import { jobResource } from "./job-resource.ts";

export const query = listQuery(
  {
    state: z.enum(["PENDING", "IN_PROGRESS", "DONE", "FAILED"]).optional(),
    operation: z.enum(["delete", "restore"]).optional(),
    cckm_key_id: z.uuid().optional(),
  },
  ["createdAt", "updatedAt"] as const,
);

/** `GET /cckm/sap/keys/jobs`: the polling route; newest first; 304 while nothing changed. */
export function listJobs(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const where = {
      ...(q.state ? { state: q.state } : {}),
      ...(q.operation ? { operation: q.operation } : {}),
      ...(q.cckm_key_id ? { cckmKeyId: q.cckm_key_id } : {}),
    };
    const { field, direction } = orderOf<"createdAt" | "updatedAt">(q.sort, "-createdAt");
    const [total, rows] = await Promise.all([
      deps.db.sapKeyJob.count({ where }),
      deps.db.sapKeyJob.findMany({
        where,
        orderBy: [{ [field]: direction }, { id: direction }],
        skip: q.skip,
        take: q.limit,
      }),
    ]);
    sendWithEtag(req, res, envelope(q.skip, q.limit, total, rows.map(jobResource)));
  };
}
