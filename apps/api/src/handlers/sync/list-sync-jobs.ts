import type { Db, Prisma } from "@cckm/db";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { listQuery, orderByOf, sendList } from "../../http/list.ts";
import { queryText, queryUuid } from "../../http/query-types.ts";
import { parse } from "../../http/validate.ts";
import { SYNC_INCLUDE, syncResource } from "./sync-resource.ts";

export const query = listQuery(
  {
    id: queryUuid.optional(),
    overall_status: z.enum(["in_progress", "completed", "failed"]).optional(),
    groups: queryText().optional(),
    connection: queryText().optional(),
  },
  ["createdAt", "updatedAt", "completedAt"] as const,
);

type SyncQuery = z.infer<typeof query>;

/**
 * The sync jobs that covered a group named by `ref` (its CipherTrust id, SAP id or name): those that
 * listed it by any of these, and those that synchronized its whole connection.
 */
async function coveringGroup(db: Db, ref: string): Promise<Prisma.SyncJobWhereInput> {
  const byId = z.uuid().safeParse(ref).success;
  const groups = await db.sapGroup.findMany({
    where: { OR: [...(byId ? [{ id: ref }] : []), { sapGroupId: ref }, { name: ref }] },
    select: { id: true, sapGroupId: true, name: true, connectionId: true },
    take: 100,
  });
  const names = [ref, ...groups.flatMap((g) => [g.id, g.sapGroupId, g.name])];
  const connectionIds = [...new Set(groups.map((g) => g.connectionId))];
  return {
    OR: [{ groups: { hasSome: names } }, { synchronizeAll: true, connectionId: { in: connectionIds } }],
  };
}

export async function syncFilter(db: Db, q: SyncQuery): Promise<Prisma.SyncJobWhereInput> {
  const and: Prisma.SyncJobWhereInput[] = [];
  if (q.id) and.push({ id: q.id });
  if (q.overall_status) and.push({ overallStatus: q.overall_status });
  if (q.connection) {
    const byId = z.uuid().safeParse(q.connection).success;
    and.push({ connection: byId ? { id: q.connection } : { name: q.connection } });
  }
  if (q.groups) and.push(await coveringGroup(db, q.groups));
  return { AND: and };
}

/** `GET /cckm/sap/synchronization-jobs`: newest first by default; `limit=-1` streams them all. */
export function listSyncJobs(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const where = await syncFilter(deps.db, q);
    const orderBy = orderByOf(q.sort, "-createdAt");
    await sendList(req, res, q, deps.db.syncJob.count({ where }), async (skip, take) =>
      (await deps.db.syncJob.findMany({ where, include: SYNC_INCLUDE, orderBy, skip, take })).map(syncResource),
    );
  };
}
