import type { Db, Prisma } from "@cckm/db";

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

export async function listOciSyncJobs(
  db: Db,
  filter: { id?: string | undefined; overallStatus?: "in_progress" | "completed" | "failed" | undefined },
  page: { skip: number; take: number },
): Promise<{ total: number; rows: OciSyncJobView[] }> {
  const where: Prisma.OciSyncJobWhereInput = {
    ...(filter.id ? { id: filter.id } : {}),
    ...(filter.overallStatus ? { overallStatus: filter.overallStatus } : {}),
  };
  const [total, rows] = await Promise.all([
    db.ociSyncJob.count({ where }),
    db.ociSyncJob.findMany({
      where,
      select: OCI_SYNC_JOB_VIEW,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: page.skip,
      take: page.take,
    }),
  ]);
  return { total, rows };
}
