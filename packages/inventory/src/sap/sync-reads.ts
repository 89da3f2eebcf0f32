import { type Db, orderByOf, type Page, type Prisma, type SyncStatus } from "@cckm/db";
import type { ConnectionRef } from "./connection-reads.ts";
import { groupsMatching } from "./group-reads.ts";

/** A synchronization job as it is shown: its columns and its connection's id and name. */
export const SYNC_JOB_VIEW = {
  connection: { select: { id: true, name: true } },
} as const satisfies Prisma.SyncJobInclude;

/** The one row type of a shown synchronization job (Prisma's, from SYNC_JOB_VIEW). */
export type SyncJobView = Prisma.SyncJobGetPayload<{ include: typeof SYNC_JOB_VIEW }>;

/**
 * Which synchronization jobs a list holds. `group` names a group by its CipherTrust id, SAP id or
 * name: the jobs that listed it by any of these, and those that synchronized its whole connection.
 */
export interface SyncJobFilter {
  id?: string | undefined;
  overallStatus?: SyncStatus | undefined;
  connection?: ConnectionRef | undefined;
  group?: string | undefined;
}

export type SyncJobSortField = "createdAt" | "updatedAt" | "completedAt";

async function coveringGroup(db: Db, ref: string): Promise<Prisma.SyncJobWhereInput> {
  const groups = await groupsMatching(db, ref);
  const names = [ref, ...groups.flatMap((g) => [g.id, g.sapGroupId, g.name])];
  const connectionIds = [...new Set(groups.map((g) => g.connectionId))];
  return {
    OR: [{ groups: { hasSome: names } }, { synchronizeAll: true, connectionId: { in: connectionIds } }],
  };
}

async function syncJobWhere(db: Db, f: SyncJobFilter): Promise<Prisma.SyncJobWhereInput> {
  const and: Prisma.SyncJobWhereInput[] = [];
  if (f.id) and.push({ id: f.id });
  if (f.overallStatus) and.push({ overallStatus: f.overallStatus });
  if (f.connection) and.push({ connection: f.connection });
  if (f.group) and.push(await coveringGroup(db, f.group));
  return { AND: and };
}

/** How many synchronization jobs match. */
export async function countSyncJobs(db: Db, filter: SyncJobFilter): Promise<number> {
  return db.syncJob.count({ where: await syncJobWhere(db, filter) });
}

/** One page of the synchronization jobs that match; newest first unless sorted. */
export async function listSyncJobs(
  db: Db,
  filter: SyncJobFilter,
  page: Page<SyncJobSortField>,
): Promise<SyncJobView[]> {
  return db.syncJob.findMany({
    where: await syncJobWhere(db, filter),
    include: SYNC_JOB_VIEW,
    orderBy: orderByOf(page.sort, "-createdAt") as Prisma.SyncJobOrderByWithRelationInput[],
    skip: page.skip,
    take: page.take,
  });
}

/** The synchronization job with this id, as shown; null when there is none. */
export async function findSyncJob(db: Db, id: string): Promise<SyncJobView | null> {
  return db.syncJob.findUnique({ where: { id }, include: SYNC_JOB_VIEW });
}
