import { randomUUID } from "node:crypto";
import type { Keyring } from "@cckm/crypto";
import { type Db, orderByOf, type Page, type Prisma } from "@cckm/db";
import { InventoryError, prismaCodeOf, UNIQUE_VIOLATION } from "../errors.ts";
import { CONNECTION_COLUMNS, testOutcomeColumns } from "../provider/connection-columns.ts";
import { openSecret, sealSecret } from "../provider/sealed-secret.ts";

/** The AAD of an OCI connection's sealed credentials (private key and passphrase, one JSON value). */
export const ociConnectionSecretAad = (connectionId: string) => `oci-connection-secret:v1:${connectionId}`;

/** An OCI connection as it is shown: every column but the sealed credentials. */
export const OCI_CONNECTION_VIEW = {
  ...CONNECTION_COLUMNS,
  tenancyOcid: true,
  userOcid: true,
  fingerprint: true,
  region: true,
  endpoint: true,
} as const satisfies Prisma.OciConnectionSelect;

export type OciConnectionView = Prisma.OciConnectionGetPayload<{ select: typeof OCI_CONNECTION_VIEW }>;
/** A stored OCI connection with its sealed credentials (what OciClients opens; never shown). */
export type StoredOciConnection = Prisma.OciConnectionGetPayload<Record<string, never>>;

/** The secret half of an OCI connection. */
export interface OciSecret {
  privateKey: string;
  passphrase?: string | undefined;
}

export interface NewOciConnection {
  name: string;
  description?: string | undefined;
  tenancyOcid: string;
  userOcid: string;
  fingerprint: string;
  region: string;
  endpoint?: string | undefined;
  secret: OciSecret;
  meta?: Record<string, unknown> | undefined;
  labels?: Record<string, string> | undefined;
}

export type OciConnectionChanges = Partial<Omit<NewOciConnection, "name" | "endpoint">> & {
  endpoint?: string | null | undefined;
};

const sealed = (id: string, secret: OciSecret, keyring: Keyring) =>
  sealSecret(JSON.stringify(secret), ociConnectionSecretAad(id), keyring);

/** Opens a stored connection's credentials (kept in memory by the client only). */
export function ociSecretOf(row: StoredOciConnection, keyring: Keyring): OciSecret {
  return JSON.parse(openSecret(row, ociConnectionSecretAad(row.id), keyring)) as OciSecret;
}

/** Stores a new OCI connection, its credentials sealed; a name taken is CONNECTION_NAME_TAKEN. */
export async function addOciConnection(db: Db, keyring: Keyring, input: NewOciConnection): Promise<OciConnectionView> {
  const id = randomUUID();
  try {
    return await db.ociConnection.create({
      data: {
        id,
        name: input.name,
        description: input.description ?? null,
        tenancyOcid: input.tenancyOcid,
        userOcid: input.userOcid,
        fingerprint: input.fingerprint,
        region: input.region,
        endpoint: input.endpoint ?? null,
        ...(input.meta ? { meta: input.meta as Prisma.InputJsonValue } : {}),
        ...(input.labels ? { labels: input.labels } : {}),
        ...sealed(id, input.secret, keyring),
      },
      select: OCI_CONNECTION_VIEW,
    });
  } catch (error) {
    if (prismaCodeOf(error) === UNIQUE_VIOLATION) {
      throw new InventoryError("CONNECTION_NAME_TAKEN", `a connection named ${input.name} already exists`);
    }
    throw error;
  }
}

/** Changes an OCI connection (new credentials sealed afresh) and answers it as shown. */
export async function changeOciConnection(
  db: Db,
  keyring: Keyring,
  id: string,
  changes: OciConnectionChanges,
): Promise<OciConnectionView> {
  const { secret, meta, labels, ...plain } = changes;
  return db.ociConnection.update({
    where: { id },
    data: {
      ...Object.fromEntries(Object.entries(plain).filter(([, v]) => v !== undefined)),
      ...(meta !== undefined ? { meta: meta as Prisma.InputJsonValue } : {}),
      ...(labels !== undefined ? { labels } : {}),
      ...(secret ? sealed(id, secret, keyring) : {}),
    },
    select: OCI_CONNECTION_VIEW,
  });
}

/** Deletes an OCI connection while no vault of the inventory and no running sync depends on it. */
export async function deleteOciConnection(db: Db, connection: { id: string; name: string }): Promise<void> {
  const { count } = await db.ociConnection.deleteMany({
    where: { id: connection.id, vaults: { none: {} }, syncJobs: { none: { overallStatus: "in_progress" } } },
  });
  if (count === 1) return;
  const vaults = await db.ociVault.count({ where: { connectionId: connection.id } });
  if (vaults > 0) {
    throw new InventoryError("CONNECTION_HAS_KEYS", `connection ${connection.name} still has ${vaults} vault(s)`);
  }
  const running = await db.ociSyncJob.count({ where: { connectionId: connection.id, overallStatus: "in_progress" } });
  if (running > 0)
    throw new InventoryError("CONNECTION_SYNCING", `connection ${connection.name} is being synchronized`);
}

/** Records a connection test's outcome (a connection deleted meanwhile keeps nothing). */
export async function recordOciConnectionTest(
  db: Db,
  id: string,
  outcome: { ok: boolean; error: string | null },
): Promise<void> {
  await db.ociConnection.updateMany({ where: { id }, data: testOutcomeColumns(outcome) });
}

export async function findOciConnection(
  db: Db,
  ref: { id: string } | { name: string },
): Promise<OciConnectionView | null> {
  return db.ociConnection.findFirst({ where: ref, select: OCI_CONNECTION_VIEW });
}

export async function findStoredOciConnection(db: Db, id: string): Promise<StoredOciConnection | null> {
  return db.ociConnection.findUnique({ where: { id } });
}

export interface OciConnectionFilter {
  name?: string | undefined;
}

const connectionWhere = (f: OciConnectionFilter): Prisma.OciConnectionWhereInput => (f.name ? { name: f.name } : {});

export const countOciConnections = (db: Db, f: OciConnectionFilter) =>
  db.ociConnection.count({ where: connectionWhere(f) });

/** One page of OCI connections, newest first unless `sort` says otherwise. */
export function listOciConnections(db: Db, f: OciConnectionFilter, page: Page<"createdAt">) {
  return db.ociConnection.findMany({
    where: connectionWhere(f),
    select: OCI_CONNECTION_VIEW,
    orderBy: orderByOf(page.sort, "-createdAt") as Prisma.OciConnectionOrderByWithRelationInput[],
    skip: page.skip,
    take: page.take,
  });
}
