import { countAwsSyncJobs, listAwsSyncJobs } from "@cckm/inventory";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { listQuery } from "../../http/list.ts";
import { resourceList } from "../../http/list-resources.ts";
import { queryText, queryUuid } from "../../http/query-types.ts";
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
export const AWS_SYNC_JOB_LIST = resourceList({
  query,
  filter: (q) => ({ id: q.id, overallStatus: q.overall_status, kms: q.kms }),
  count: (deps: AppDeps, filter) => countAwsSyncJobs(deps.db, filter),
  read: (deps: AppDeps, filter, page) => listAwsSyncJobs(deps.db, filter, page),
  resource: awsSyncResource,
});
