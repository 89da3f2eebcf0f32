import { countOciSyncJobs, listOciSyncJobs } from "@cckm/inventory";
import { z } from "zod";
import type { AppDeps } from "../../../context.ts";
import { listQuery } from "../../../http/list.ts";
import { resourceList } from "../../../http/list-resources.ts";
import { queryUuid } from "../../../http/query-types.ts";
import { ociSyncResource } from "./oci-sync-resource.ts";

export const query = listQuery(
  { id: queryUuid.optional(), overall_status: z.enum(["in_progress", "completed", "failed"]).optional() },
  ["createdAt"] as const,
);

/** `GET /cckm/oci/synchronization-jobs`: newest first; `limit=-1` streams them all. */
export const OCI_SYNC_JOB_LIST = resourceList({
  query,
  filter: (q) => ({ id: q.id, overallStatus: q.overall_status }),
  count: (deps: AppDeps, filter) => countOciSyncJobs(deps.db, filter),
  read: (deps: AppDeps, filter, page) => listOciSyncJobs(deps.db, filter, page),
  resource: ociSyncResource,
});
