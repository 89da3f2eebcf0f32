import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { envelope, listQuery, orderOf } from "../../http/list.ts";
import { parse } from "../../http/validate.ts";
import { SYNC_INCLUDE, syncResource } from "./sync-resource.ts";

export const query = listQuery(
  {
    overall_status: z.enum(["in_progress", "completed", "failed"]).optional(),
    connection: z.string().max(64).optional(),
  },
  ["createdAt"] as const,
);

/** `GET /cckm/sap/synchronization-jobs`: newest first by default. */
export function listSyncJobs(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const byId = q.connection ? z.uuid().safeParse(q.connection).success : false;
    const where = {
      ...(q.overall_status ? { overallStatus: q.overall_status } : {}),
      ...(q.connection ? { connection: byId ? { id: q.connection } : { name: q.connection } } : {}),
    };
    const { direction } = orderOf<"createdAt">(q.sort, "-createdAt");
    const [total, rows] = await Promise.all([
      deps.db.syncJob.count({ where }),
      deps.db.syncJob.findMany({
        where,
        include: SYNC_INCLUDE,
        orderBy: [{ createdAt: direction }, { id: direction }],
        skip: q.skip,
        take: q.limit,
      }),
    ]);
    res.json(envelope(q.skip, q.limit, total, rows.map(syncResource)));
  };
}
