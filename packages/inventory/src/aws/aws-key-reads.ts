import type { Db, Page, Prisma } from "@cckm/db";
import { orderByOf } from "@cckm/db";

/** An AWS key as shown, with its KMS resource's name and the connection's cloud. */
export const AWS_KEY_VIEW = {
  id: true,
  kmsId: true,
  region: true,
  keyId: true,
  arn: true,
  awsAccountId: true,
  keyState: true,
  enabled: true,
  keyUsage: true,
  keySpec: true,
  origin: true,
  keyManager: true,
  description: true,
  creationDate: true,
  deletionDate: true,
  multiRegion: true,
  metadata: true,
  policy: true,
  aliases: true,
  tags: true,
  rotationEnabled: true,
  rotationStatus: true,
  gone: true,
  syncedAt: true,
  createdAt: true,
  updatedAt: true,
  kms: { select: { name: true, connection: { select: { cloudName: true } } } },
} as const satisfies Prisma.AwsKeySelect;

export type AwsKeyView = Prisma.AwsKeyGetPayload<{ select: typeof AWS_KEY_VIEW }>;

/** The documented filters of `GET /cckm/aws/keys` this inventory answers. */
export interface AwsKeyFilter {
  id?: string | undefined;
  keyId?: string | undefined;
  arn?: string | undefined;
  alias?: string | undefined;
  kms?: string | undefined;
  kmsId?: string | undefined;
  region?: string | undefined;
  cloudName?: string | undefined;
  origin?: string | undefined;
  enabled?: boolean | undefined;
  gone?: boolean | undefined;
  keyState?: string | undefined;
  keyUsage?: string | undefined;
  keySpec?: string | undefined;
  multiRegion?: boolean | undefined;
  /** `native`: made by AWS KMS (Origin AWS_KMS); `unknown`: any other origin; `cckm`: none here. */
  keyMaterialOrigin?: "native" | "cckm" | "unknown" | undefined;
  /** `tags`: keys with a tag of this value (AWS's `TagValue`). */
  tagValue?: string | undefined;
  /**
   * Filters CipherTrust documents over what this service does not hold: no key here has a scheduler
   * (rotation) job, a policy template or a key source (every key is AWS's own material). A value
   * asked for therefore matches none; `rotation_job_enabled=false` matches all.
   */
  jobConfigId?: string | undefined;
  policyTemplateId?: string | undefined;
  rotationJobEnabled?: boolean | undefined;
  keySource?: string | undefined;
}

const NONE: Prisma.AwsKeyWhereInput = { id: { in: [] } };

export type AwsKeySortField = "createdAt" | "updatedAt" | "region" | "keyState";

function whereOf(f: AwsKeyFilter): Prisma.AwsKeyWhereInput {
  const and: Prisma.AwsKeyWhereInput[] = [];
  if (f.id) and.push({ id: f.id });
  if (f.keyId) and.push({ keyId: f.keyId });
  if (f.arn) and.push({ arn: f.arn });
  if (f.alias) and.push({ aliases: { has: f.alias.startsWith("alias/") ? f.alias : `alias/${f.alias}` } });
  if (f.kms) and.push({ kms: { name: f.kms } });
  if (f.kmsId) and.push({ kmsId: f.kmsId });
  if (f.region) and.push({ region: f.region });
  if (f.cloudName) and.push({ kms: { connection: { cloudName: f.cloudName } } });
  if (f.origin) and.push({ origin: f.origin });
  if (f.enabled !== undefined) and.push({ enabled: f.enabled });
  if (f.gone !== undefined) and.push({ gone: f.gone });
  if (f.keyState) and.push({ keyState: { equals: f.keyState, mode: "insensitive" } });
  if (f.keyUsage) and.push({ keyUsage: f.keyUsage });
  if (f.keySpec) and.push({ keySpec: f.keySpec });
  if (f.multiRegion !== undefined) and.push({ multiRegion: f.multiRegion });
  if (f.keyMaterialOrigin === "native") and.push({ origin: "AWS_KMS" });
  if (f.keyMaterialOrigin === "unknown") and.push({ NOT: { origin: "AWS_KMS" } });
  if (f.keyMaterialOrigin === "cckm") and.push(NONE);
  if (f.tagValue) and.push({ tags: { array_contains: [{ TagValue: f.tagValue }] } });
  if (f.jobConfigId || f.policyTemplateId || f.keySource || f.rotationJobEnabled === true) and.push(NONE);
  return { AND: and };
}

export const countAwsKeys = (db: Db, f: AwsKeyFilter) => db.awsKey.count({ where: whereOf(f) });

export function listAwsKeys(db: Db, f: AwsKeyFilter, page: Page<AwsKeySortField>): Promise<AwsKeyView[]> {
  return db.awsKey.findMany({
    where: whereOf(f),
    select: AWS_KEY_VIEW,
    orderBy: orderByOf(page.sort, "-createdAt") as Prisma.AwsKeyOrderByWithRelationInput[],
    skip: page.skip,
    take: page.take,
  });
}

export function findAwsKey(db: Db, id: string): Promise<AwsKeyView | null> {
  return db.awsKey.findUnique({ where: { id }, select: AWS_KEY_VIEW });
}
