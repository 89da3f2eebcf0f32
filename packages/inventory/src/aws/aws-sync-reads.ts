import { type Db, orderByOf, type Page, type Prisma, type SyncStatus } from "@cckm/db";

/** An AWS synchronization job as shown: its columns and its KMS resources' ids and names. */
export const AWS_SYNC_JOB_VIEW = {
  kms: { select: { kms: { select: { id: true, name: true } } } },
} as const satisfies Prisma.AwsSyncJobInclude;

export type AwsSyncJobView = Prisma.AwsSyncJobGetPayload<{ include: typeof AWS_SYNC_JOB_VIEW }>;

export interface AwsSyncJobFilter {
  id?: string | undefined;
  overallStatus?: SyncStatus | undefined;
  /** KMS ids or names: jobs that synchronized any of them. */
  kms?: string[] | undefined;
}

export type AwsSyncJobSortField = "createdAt" | "updatedAt" | "completedAt";

function whereOf(f: AwsSyncJobFilter): Prisma.AwsSyncJobWhereInput {
  const and: Prisma.AwsSyncJobWhereInput[] = [];
  if (f.id) and.push({ id: f.id });
  if (f.overallStatus) and.push({ overallStatus: f.overallStatus });
  if (f.kms?.length) {
    const uuid = /^[0-9a-f-]{36}$/i;
    const ids = f.kms.filter((k) => uuid.test(k));
    and.push({ kms: { some: { kms: { OR: [{ id: { in: ids } }, { name: { in: f.kms } }] } } } });
  }
  return { AND: and };
}

export const countAwsSyncJobs = (db: Db, f: AwsSyncJobFilter) => db.awsSyncJob.count({ where: whereOf(f) });

export function listAwsSyncJobs(db: Db, f: AwsSyncJobFilter, page: Page<AwsSyncJobSortField>) {
  return db.awsSyncJob.findMany({
    where: whereOf(f),
    include: AWS_SYNC_JOB_VIEW,
    orderBy: orderByOf(page.sort, "-createdAt") as Prisma.AwsSyncJobOrderByWithRelationInput[],
    skip: page.skip,
    take: page.take,
  });
}

export function findAwsSyncJob(db: Db, id: string): Promise<AwsSyncJobView | null> {
  return db.awsSyncJob.findUnique({ where: { id }, include: AWS_SYNC_JOB_VIEW });
}
