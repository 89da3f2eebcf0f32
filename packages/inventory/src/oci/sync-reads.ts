import { type Db, orderByOf, type Page, type Prisma } from "@cckm/db";

export const OCI_SYNC_JOB_VIEW = {
  id: true,
  connectionId: true,
  synchronizeAll: true,
  vaults: true,
  compartments: true,
  overallStatus: true,
  details: true,
  error: true,
  abort: true,
  creatorId: true,
  creatorName: true,
  completedAt: true,
  createdAt: true,
  updatedAt: true,
  connection: { select: { name: true } },
} as const satisfies Prisma.OciSyncJobSelect;

export type OciSyncJobView = Prisma.OciSyncJobGetPayload<{ select: typeof OCI_SYNC_JOB_VIEW }>;

export function findOciSyncJob(db: Db, id: string): Promise<OciSyncJobView | null> {
  return db.ociSyncJob.findUnique({ where: { id }, select: OCI_SYNC_JOB_VIEW });
}

export interface OciSyncJobFilter {
  id?: string | undefined;
  overallStatus?: "in_progress" | "completed" | "failed" | undefined;
}

const syncWhere = (f: OciSyncJobFilter): Prisma.OciSyncJobWhereInput => ({
  ...(f.id ? { id: f.id } : {}),
  ...(f.overallStatus ? { overallStatus: f.overallStatus } : {}),
});

export const countOciSyncJobs = (db: Db, f: OciSyncJobFilter) => db.ociSyncJob.count({ where: syncWhere(f) });

/** One page of OCI synchronization jobs, newest first unless `sort` says otherwise. */
export function listOciSyncJobs(db: Db, f: OciSyncJobFilter, page: Page<"createdAt">) {
  return db.ociSyncJob.findMany({
    where: syncWhere(f),
    select: OCI_SYNC_JOB_VIEW,
    orderBy: orderByOf(page.sort, "-createdAt") as Prisma.OciSyncJobOrderByWithRelationInput[],
    skip: page.skip,
    take: page.take,
  });
}
