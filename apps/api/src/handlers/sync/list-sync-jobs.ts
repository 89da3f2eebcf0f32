import { countSyncJobs, listSyncJobs, type SyncJobFilter } from "@cckm/inventory";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { listQuery } from "../../http/list.ts";
import { resourceList } from "../../http/list-resources.ts";
import { idOrName, queryText, queryUuid } from "../../http/query-types.ts";
import { syncResource } from "./sync-resource.ts";

export const query = listQuery(
  {
    id: queryUuid.optional(),
    overall_status: z.enum(["in_progress", "completed", "failed"]).optional(),
    groups: queryText().optional(),
    connection: queryText().optional(),
  },
  ["createdAt", "updatedAt", "completedAt"] as const,
);

/**
 * `GET /cckm/sap/synchronization-jobs`: newest first by default. `connection` is a name or an id;
 * `groups` names one group (its CipherTrust id, SAP id or name), matching the syncs that covered it.
 */
export const SAP_SYNC_JOB_LIST = resourceList({
  query,
  filter: (q): SyncJobFilter => ({
    id: q.id,
    overallStatus: q.overall_status,
    connection: q.connection ? idOrName(q.connection) : undefined,
    group: q.groups || undefined,
  }),
  count: (deps: AppDeps, filter) => countSyncJobs(deps.db, filter),
  read: (deps: AppDeps, filter, page) => listSyncJobs(deps.db, filter, page),
  resource: syncResource,
});
