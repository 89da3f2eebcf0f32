import type { Db, Page, Prisma } from "@cckm/db";
import { orderByOf } from "@cckm/db";
import type { OciKeyVersion } from "@cckm/oci-kms-client";

export const OCI_VERSION_VIEW = {
  id: true,
  keyId: true,
  versionOcid: true,
  compartmentId: true,
  vaultOcid: true,
  lifecycleState: true,
  origin: true,
  isPrimary: true,
  publicKey: true,
  timeCreated: true,
  timeOfDeletion: true,
  keyMaterialOrigin: true,
  gone: true,
  refreshedAt: true,
  createdAt: true,
  updatedAt: true,
  key: { select: { keyOcid: true } },
} as const satisfies Prisma.OciKeyVersionSelect;

export type OciVersionView = Prisma.OciKeyVersionGetPayload<{ select: typeof OCI_VERSION_VIEW }>;

export type OciVersionSortField = "createdAt" | "updatedAt" | "timeCreated";

export interface OciVersionFilter {
  origin?: string | undefined;
  versionId?: string | undefined;
  isPrimary?: boolean | undefined;
}

export async function listOciVersions(
  db: Db,
  keyId: string,
  filter: OciVersionFilter,
  page: Page<OciVersionSortField>,
): Promise<{ total: number; rows: OciVersionView[] }> {
  const where: Prisma.OciKeyVersionWhereInput = {
    keyId,
    ...(filter.origin ? { origin: filter.origin } : {}),
    // "Internal id of the OCI key version": the CM id, or the OCID the resource's `version_id` shows.
    ...(filter.versionId ? { OR: refOf(filter.versionId) } : {}),
    ...(filter.isPrimary !== undefined ? { isPrimary: filter.isPrimary } : {}),
  };
  const [total, rows] = await Promise.all([
    db.ociKeyVersion.count({ where }),
    db.ociKeyVersion.findMany({
      where,
      select: OCI_VERSION_VIEW,
      orderBy: orderByOf(page.sort, "-timeCreated") as Prisma.OciKeyVersionOrderByWithRelationInput[],
      skip: page.skip,
      take: page.take,
    }),
  ]);
  return { total, rows };
}

const refOf = (ref: string): Prisma.OciKeyVersionWhereInput[] => [
  { versionOcid: ref },
  ...(/^[0-9a-f-]{36}$/i.test(ref) ? [{ id: ref }] : []),
];

/** A version of the key, by its CM id or its OCID. */
export function findOciVersion(db: Db, keyId: string, ref: string): Promise<OciVersionView | null> {
  return db.ociKeyVersion.findFirst({
    where: { keyId, OR: refOf(ref) },
    select: OCI_VERSION_VIEW,
  });
}

/** Records a version OCI just made (native or imported), in one statement; answers it as stored. */
export async function recordOciVersion(
  db: Db,
  keyId: string,
  v: OciKeyVersion,
  keyMaterialOrigin: "native" | "cckm",
): Promise<OciVersionView> {
  const fields = {
    compartmentId: v.compartmentId,
    vaultOcid: v.vaultId,
    lifecycleState: v.lifecycleState ?? null,
    origin: v.origin ?? null,
    isPrimary: v.isPrimary ?? true,
    publicKey: v.publicKey ?? null,
    timeCreated: new Date(v.timeCreated),
    timeOfDeletion: v.timeOfDeletion ? new Date(v.timeOfDeletion) : null,
    keyMaterialOrigin,
    gone: false,
    refreshedAt: new Date(),
  };
  return db.ociKeyVersion.upsert({
    where: { versionOcid: v.id },
    create: { keyId, versionOcid: v.id, ...fields },
    update: fields,
    select: OCI_VERSION_VIEW,
  });
}
