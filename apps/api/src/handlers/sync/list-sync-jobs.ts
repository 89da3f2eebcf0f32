import { countSyncJobs, listSyncJobs as readSyncJobs, type SyncJobFilter } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { listQuery, sendList } from "../../http/list.ts";
import { idOrName, queryText, queryUuid } from "../../http/query-types.ts";
import { parse } from "../../http/validate.ts";
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
 * The filter of a sync job list: `connection` is a name or an id; `groups` names one group (its
 * CipherTrust id, SAP id or name), matching the syncs that covered it.
 */
function syncFilter(q: z.infer<typeof query>): SyncJobFilter {
  return {
    id: q.id,
    overallStatus: q.overall_status,
    connection: q.connection ? idOrName(q.connection) : undefined,
    group: q.groups || undefined,
  };
}

/** `GET /cckm/sap/synchronization-jobs`: newest first by default; `limit=-1` streams them all. */
export function listSyncJobs(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const filter = syncFilter(q);
    await sendList(
      req,
      res,
      q,
      () => countSyncJobs(deps.db, filter),
      async (skip, take) => (await readSyncJobs(deps.db, filter, { skip, take, sort: q.sort })).map(syncResource),
    );
  };
}
