import { type Db, orderByOf, type Page, type Prisma } from "@cckm/db";
import { InventoryError } from "../errors.ts";
import { isSapCloudName, NOTHING, UUID_TEXT } from "./cloud-name.ts";
import type { ConnectionRef } from "./connection-reads.ts";

/** A group as it is shown: its columns and its connection's name and tenant. */
export const GROUP_VIEW = {
  id: true,
  sapGroupId: true,
  name: true,
  description: true,
  region: true,
  groupType: true,
  sapMeta: true,
  createdAt: true,
  updatedAt: true,
  connection: { select: { id: true, name: true, tenant: true } },
} as const satisfies Prisma.SapGroupSelect;

/** The one row type of a shown group (Prisma's, from GROUP_VIEW). */
export type GroupView = Prisma.SapGroupGetPayload<{ select: typeof GROUP_VIEW }>;

/** A group with its stored connection (sealed secret included), for calls to SAP on its behalf. */
export type GroupWithConnection = Prisma.SapGroupGetPayload<{ include: { connection: true } }>;

/**
 * Which groups a list holds (docs/cckm-compatibility.md §1.2). `application`, `provider`,
 * `keyStoreName` and `creatorName` match SAP's group object as synchronized (`application`,
 * `keystore.provider`, `keystore.name`, `meta.creatorName`); `tenant` the connection's tenant. We
 * hold no service tier, so any `tier` matches no group, and a `cloudName` other than SAP's none.
 */
export interface GroupFilter {
  id?: string | undefined;
  name?: string | undefined;
  connection?: ConnectionRef | undefined;
  cloudName?: string | undefined;
  sapGroupId?: string | undefined;
  application?: string | undefined;
  tier?: string | undefined;
  region?: string | undefined;
  provider?: string | undefined;
  keyStoreName?: string | undefined;
  creatorName?: string | undefined;
  tenant?: string | undefined;
}

export type GroupSortField = "createdAt" | "updatedAt" | "name" | "region";

function groupWhere(f: GroupFilter): Prisma.SapGroupWhereInput {
  if (f.cloudName !== undefined && !isSapCloudName(f.cloudName)) return NOTHING;
  if (f.tier !== undefined) return NOTHING;
  const and: Prisma.SapGroupWhereInput[] = [];
  if (f.id) and.push({ id: f.id });
  if (f.name) and.push({ name: f.name });
  if (f.sapGroupId) and.push({ sapGroupId: f.sapGroupId });
  if (f.region) and.push({ region: f.region });
  if (f.connection) and.push({ connection: f.connection });
  if (f.application) and.push({ sapMeta: { path: ["application"], equals: f.application } });
  if (f.provider) and.push({ sapMeta: { path: ["keystore", "provider"], equals: f.provider } });
  if (f.keyStoreName) and.push({ sapMeta: { path: ["keystore", "name"], equals: f.keyStoreName } });
  if (f.creatorName) and.push({ sapMeta: { path: ["meta", "creatorName"], equals: f.creatorName } });
  if (f.tenant) and.push({ connection: { tenant: f.tenant } });
  return { AND: and };
}

/** How many groups match. */
export async function countGroups(db: Db, filter: GroupFilter): Promise<number> {
  return db.sapGroup.count({ where: groupWhere(filter) });
}

/** One page of the groups that match; by name unless sorted. */
export async function listGroups(db: Db, filter: GroupFilter, page: Page<GroupSortField>): Promise<GroupView[]> {
  return db.sapGroup.findMany({
    where: groupWhere(filter),
    select: GROUP_VIEW,
    orderBy: orderByOf(page.sort, "name") as Prisma.SapGroupOrderByWithRelationInput[],
    skip: page.skip,
    take: page.take,
  });
}

/** The group with this id, as shown; null when there is none. */
export async function findGroup(db: Db, id: string): Promise<GroupView | null> {
  return db.sapGroup.findUnique({ where: { id }, select: GROUP_VIEW });
}

/** Up to `take` groups of this name (a name is unique within a connection only), as shown. */
export async function findGroupsNamed(db: Db, name: string, take: number): Promise<GroupView[]> {
  return db.sapGroup.findMany({ where: { name }, select: GROUP_VIEW, take });
}

/** These groups, as shown, in the order of `ids` (ids not found are left out). */
export async function groupsInOrder(db: Db, ids: readonly string[]): Promise<GroupView[]> {
  const rows = await db.sapGroup.findMany({ where: { id: { in: [...ids] } }, select: GROUP_VIEW });
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

/**
 * A group named the ways CipherTrust documents ("Name or ID of the group"; for a sync "resource ID
 * or groupID"): our resource id, SAP's group id, or its name, optionally within one connection.
 * Null when nothing matches; GROUP_AMBIGUOUS when a SAP id or name matches several groups.
 */
export async function findGroupByRef(db: Db, ref: string, connectionId?: string): Promise<GroupWithConnection | null> {
  const within = connectionId ? { connectionId } : {};
  if (UUID_TEXT.test(ref)) {
    const byId = await db.sapGroup.findFirst({ where: { id: ref, ...within }, include: { connection: true } });
    if (byId) return byId;
  }
  for (const where of [{ sapGroupId: ref }, { name: ref }]) {
    const rows = await db.sapGroup.findMany({ where: { ...where, ...within }, include: { connection: true }, take: 2 });
    if (rows.length > 1) {
      throw new InventoryError(
        "GROUP_AMBIGUOUS",
        `several groups are named ${ref} (in different connections): give the group's id`,
      );
    }
    if (rows[0]) return rows[0];
  }
  return null;
}

/**
 * The groups a reference may mean (its CipherTrust id, SAP id or name), up to 100: what a list of
 * sync jobs filtered by a group looks for.
 */
export async function groupsMatching(db: Db, ref: string) {
  return db.sapGroup.findMany({
    where: { OR: [...(UUID_TEXT.test(ref) ? [{ id: ref }] : []), { sapGroupId: ref }, { name: ref }] },
    select: { id: true, sapGroupId: true, name: true, connectionId: true },
    take: 100,
  });
}
