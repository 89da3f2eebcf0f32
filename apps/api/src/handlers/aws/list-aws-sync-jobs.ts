import { countAwsSyncJobs, listAwsSyncJobs as readJobs } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { listQuery, sendList } from "../../http/list.ts";
import { queryText, queryUuid } from "../../http/query-types.ts";
import { parse } from "../../http/validate.ts";
import { awsSyncResource } from "./aws-sync-resource.ts";

const oneOrMany = z.union([queryText(), z.array(queryText()).max(100)]).transform((v) => (Array.isArray(v) ? v : [v]));

export const query = listQuery(
  {
    id: queryUuid.optional(),
    overall_status: z.enum(["in_progress", "completed", "failed"]).optional(),
    kms: oneOrMany.optional(),
  },
  ["createdAt", "updatedAt", "completedAt"] as const,
);

/** `GET /cckm/aws/synchronization-jobs`: filters `id`, `overall_status`, `kms[]`; newest first. */
export function listAwsSyncJobs(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const filter = { id: q.id, overallStatus: q.overall_status, kms: q.kms };
    await sendList(
      req,
      res,
      q,
      () => countAwsSyncJobs(deps.db, filter),
      async (skip, take) => (await readJobs(deps.db, filter, { skip, take, sort: q.sort })).map(awsSyncResource),
    );
  };
}
