import type { Db, Page, Prisma } from "@cckm/db";
import { orderByOf } from "@cckm/db";
import { CONNECTION_COLUMNS } from "../provider/connection-columns.ts";
import { NOTHING } from "./cloud-name.ts";

/** A connection as it is shown: every column but the sealed secret. */
export const CONNECTION_VIEW = {
  ...CONNECTION_COLUMNS,
  apiEndpoint: true,
  apiKey: true,
  tenant: true,
  rateLimitPerSecond: true,
} as const satisfies Prisma.SapConnectionSelect;

/** The one row type of a shown connection (Prisma's, from CONNECTION_VIEW). */
export type ConnectionView = Prisma.SapConnectionGetPayload<{ select: typeof CONNECTION_VIEW }>;

/** A stored connection with its sealed secret: what SapClients opens (never shown). */
export type StoredConnection = Prisma.SapConnectionGetPayload<Record<string, never>>;

/** How a request names a connection: by id or by name. */
export type ConnectionRef = { id: string } | { name: string };

/**
 * Which connections a list holds (docs/cckm-compatibility.md §1.4). `products` is the list of
 * products asked for: every connection here serves `cckm`, so it matches all when it names `cckm`
 * and none otherwise; `metaContains` matches connections whose `meta`, as JSON text, contains it;
 * `lastTestOk` null matches connections never tested.
 */
export interface ConnectionFilter {
  id?: string | undefined;
  name?: string | undefined;
  products?: readonly string[] | undefined;
  metaContains?: string | undefined;
  createdBefore?: Date | undefined;
  createdAfter?: Date | undefined;
  lastTestOk?: boolean | null | undefined;
  lastTestedBefore?: Date | undefined;
  lastTestedAfter?: Date | undefined;
}

export type ConnectionSortField = "createdAt" | "updatedAt" | "name" | "last_connection_at";

async function connectionWhere(db: Db, f: ConnectionFilter): Promise<Prisma.SapConnectionWhereInput> {
  if (f.products !== undefined && !f.products.includes("cckm")) return NOTHING;
  const and: Prisma.SapConnectionWhereInput[] = [];
  if (f.id) and.push({ id: f.id });
  if (f.name) and.push({ name: f.name });
  if (f.createdBefore) and.push({ createdAt: { lt: f.createdBefore } });
  if (f.createdAfter) and.push({ createdAt: { gt: f.createdAfter } });
  if (f.lastTestOk !== undefined) and.push({ lastTestOk: f.lastTestOk });
  if (f.lastTestedBefore) and.push({ lastTestedAt: { lt: f.lastTestedBefore } });
  if (f.lastTestedAfter) and.push({ lastTestedAt: { gt: f.lastTestedAfter } });
  if (f.metaContains) {
    const rows = await db.$queryRaw<Array<{ id: string }>>`
      SELECT id::text AS id FROM sap_connections WHERE strpos(meta::text, ${f.metaContains}) > 0`;
    and.push({ id: { in: rows.map((r) => r.id) } });
  }
  return { AND: and };
}

/** How many connections match. */
export async function countConnections(db: Db, filter: ConnectionFilter): Promise<number> {
  return db.sapConnection.count({ where: await connectionWhere(db, filter) });
}

/** One page of the connections that match; newest first unless sorted. */
export async function listConnections(
  db: Db,
  filter: ConnectionFilter,
  page: Page<ConnectionSortField>,
): Promise<ConnectionView[]> {
  const orderBy = orderByOf(page.sort, "-createdAt", { last_connection_at: "lastTestedAt" });
  return db.sapConnection.findMany({
    where: await connectionWhere(db, filter),
    select: CONNECTION_VIEW,
    orderBy: orderBy as Prisma.SapConnectionOrderByWithRelationInput[],
    skip: page.skip,
    take: page.take,
  });
}

/** The connection named by `ref`, as shown; null when there is none. */
export async function findConnection(db: Db, ref: ConnectionRef): Promise<ConnectionView | null> {
  return db.sapConnection.findUnique({ where: ref, select: CONNECTION_VIEW });
}

/** The stored connection named by `ref` (with its sealed secret, for its SAP client); null when there is none. */
export async function findStoredConnection(db: Db, ref: ConnectionRef): Promise<StoredConnection | null> {
  return db.sapConnection.findUnique({ where: ref });
}

/** Up to `take` stored connections, oldest first (to find "the only connection there is"). */
export async function someStoredConnections(db: Db, take: number): Promise<StoredConnection[]> {
  return db.sapConnection.findMany({ take, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}
