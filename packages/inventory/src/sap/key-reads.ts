import { type Db, orderByOf, type Page, type Prisma } from "@cckm/db";
import type { Key } from "@cckm/sap-kms-client";
import { isSapCloudName, NOTHING } from "./cloud-name.ts";
import type { StoredConnection } from "./connection-reads.ts";
import { keyFields } from "./sync.ts";

/** A key as it is shown: its columns, its group's name, SAP id and metadata, its connection's name and tenant. */
export const KEY_VIEW = {
  group: { select: { name: true, sapGroupId: true, sapMeta: true } },
  connection: { select: { name: true, tenant: true } },
} as const satisfies Prisma.SapKeyInclude;

/** The one row type of a shown key (Prisma's, from KEY_VIEW). */
export type KeyView = Prisma.SapKeyGetPayload<{ include: typeof KEY_VIEW }>;

/**
 * Which keys a list holds. Every key here is a native SAP key (`origin` `native`) of cloud `sap`:
 * another `origin` or `cloudName` matches nothing. `creatorId`/`creatorName` match SAP's own
 * `meta.creatorId`/`creatorName` as synchronized, `sapApplication` the SAP group's `application`,
 * `backup` whether a backup is held.
 */
export interface KeyFilter {
  id?: string | undefined;
  name?: string | undefined;
  cloudName?: string | undefined;
  origin?: string | undefined;
  type?: string | undefined;
  size?: number | undefined;
  enabled?: boolean | undefined;
  exportable?: boolean | undefined;
  gone?: boolean | undefined;
  tenant?: string | undefined;
  creatorName?: string | undefined;
  creatorId?: string | undefined;
  sapApplication?: string | undefined;
  sapGroupName?: string | undefined;
  totalVersions?: number | undefined;
  backup?: boolean | undefined;
  sapKeyId?: string | undefined;
}

export type KeySortField = "createdAt" | "updatedAt" | "name" | "type" | "size" | "totalVersions" | "gone";

function keyWhere(f: KeyFilter): Prisma.SapKeyWhereInput {
  if (f.cloudName !== undefined && !isSapCloudName(f.cloudName)) return NOTHING;
  if (f.origin !== undefined && f.origin.toLowerCase() !== "native") return NOTHING;
  const and: Prisma.SapKeyWhereInput[] = [];
  if (f.id) and.push({ id: f.id });
  if (f.name) and.push({ name: f.name });
  if (f.type) and.push({ type: f.type });
  if (f.size !== undefined) and.push({ size: f.size });
  if (f.enabled !== undefined) and.push({ enabled: f.enabled });
  if (f.exportable !== undefined) and.push({ exportable: f.exportable });
  if (f.gone !== undefined) and.push({ gone: f.gone });
  if (f.totalVersions !== undefined) and.push({ totalVersions: f.totalVersions });
  if (f.creatorId) and.push({ sapMeta: { path: ["creatorId"], equals: f.creatorId } });
  if (f.creatorName) and.push({ sapMeta: { path: ["creatorName"], equals: f.creatorName } });
  if (f.sapGroupName) and.push({ group: { name: f.sapGroupName } });
  if (f.sapApplication) and.push({ group: { sapMeta: { path: ["application"], equals: f.sapApplication } } });
  if (f.backup !== undefined) and.push({ backupId: f.backup ? { not: null } : null });
  if (f.sapKeyId) and.push({ sapKeyId: f.sapKeyId });
  if (f.tenant) and.push({ connection: { tenant: f.tenant } });
  return { AND: and };
}

/** How many keys match. */
export async function countKeys(db: Db, filter: KeyFilter): Promise<number> {
  return db.sapKey.count({ where: keyWhere(filter) });
}

/** One page of the keys that match; newest first unless sorted. */
export async function listKeys(db: Db, filter: KeyFilter, page: Page<KeySortField>): Promise<KeyView[]> {
  return db.sapKey.findMany({
    where: keyWhere(filter),
    include: KEY_VIEW,
    orderBy: orderByOf(page.sort, "-createdAt") as Prisma.SapKeyOrderByWithRelationInput[],
    skip: page.skip,
    take: page.take,
  });
}

/** The key with this resource id, as shown; null when there is none. */
export async function findKey(db: Db, id: string): Promise<KeyView | null> {
  return db.sapKey.findUnique({ where: { id }, include: KEY_VIEW });
}

/** The stored connection of a key (for its SAP client); null when the key is gone from the inventory. */
export async function findKeyConnection(db: Db, keyId: string): Promise<StoredConnection | null> {
  const row = await db.sapKey.findUnique({ where: { id: keyId }, select: { connection: true } });
  return row?.connection ?? null;
}

/** Of these SAP key ids, those that inventory keys other than `exceptKeyId` name. */
export async function sapKeyIdsHeldByOthers(
  db: Db,
  sapKeyIds: readonly string[],
  exceptKeyId: string,
): Promise<string[]> {
  const rows = await db.sapKey.findMany({
    where: { sapKeyId: { in: [...sapKeyIds] }, id: { not: exceptKeyId } },
    select: { sapKeyId: true },
  });
  return rows.map((r) => r.sapKeyId);
}

/**
 * Records a key just created on SAP in the inventory (one upsert by connection and SAP id: a second
 * call, or a sync that came first, leaves the row as it is) and answers it as shown.
 */
export async function recordCreatedKey(
  db: Db,
  where: { connectionId: string; groupId: string },
  created: Key,
): Promise<KeyView> {
  const { connectionId, groupId } = where;
  return db.sapKey.upsert({
    where: { connectionId_sapKeyId: { connectionId, sapKeyId: created.id } },
    create: { connectionId, groupId, sapKeyId: created.id, ...keyFields(created) },
    update: {},
    include: KEY_VIEW,
  });
}
