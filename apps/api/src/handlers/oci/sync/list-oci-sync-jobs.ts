import { listOciSyncJobs as readJobs } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../../context.ts";
import { envelope, listQuery } from "../../../http/list.ts";
import { queryUuid } from "../../../http/query-types.ts";
import { parse } from "../../../http/validate.ts";
import { pageOf } from "../oci-kinds.ts";
import { ociSyncResource } from "./oci-sync-resource.ts";

export const query = listQuery(
  { id: queryUuid.optional(), overall_status: z.enum(["in_progress", "completed", "failed"]).optional() },
  ["createdAt"] as const,
);

/** `GET /cckm/oci/synchronization-jobs`: newest first. */
export function listOciSyncJobs(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const { total, rows } = await readJobs(deps.db, { id: q.id, overallStatus: q.overall_status }, pageOf(q));
    res.json(envelope(q.skip, q.limit, total, rows.map(ociSyncResource)));
  };
}
