import { randomUUID } from "node:crypto";
import type { AwsKmsConnection } from "@cckm/aws-kms-client";
import type { Keyring } from "@cckm/crypto";
import type { Db, Page, Prisma } from "@cckm/db";
import { orderByOf } from "@cckm/db";
import { FOREIGN_KEY_VIOLATION, InventoryError, prismaCodeOf, UNIQUE_VIOLATION } from "../errors.ts";
import { CONNECTION_COLUMNS, testOutcomeColumns } from "../provider/connection-columns.ts";
import { openSecret, sealSecret } from "../provider/sealed-secret.ts";

/** The AAD of an AWS connection's sealed secret access key: bound to the connection's id and kind. */
export const awsSecretAad = (id: string) => `aws-connection-secret:${id}`;

/** An AWS connection as it is shown: every column but the sealed secret. */
export const AWS_CONNECTION_VIEW = {
  ...CONNECTION_COLUMNS,
  accessKeyId: true,
  awsRegion: true,
  cloudName: true,
  endpoint: true,
} as const satisfies Prisma.AwsConnectionSelect;

export type AwsConnectionView = Prisma.AwsConnectionGetPayload<{ select: typeof AWS_CONNECTION_VIEW }>;
/** A stored AWS connection with its sealed secret (never shown). */
export type StoredAwsConnection = Prisma.AwsConnectionGetPayload<Record<string, never>>;

export interface AwsConnectionFields {
  description?: string | null | undefined;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  awsRegion?: string | undefined;
  cloudName?: string | undefined;
  endpoint?: string | null | undefined;
  meta?: Record<string, unknown> | undefined;
  labels?: Record<string, string> | undefined;
}

export interface NewAwsConnection extends AwsConnectionFields {
  name: string;
  accessKeyId: string;
  secretAccessKey: string;
  awsRegion: string;
}

const sealedColumns = (keyring: Keyring, id: string, secret: string) => sealSecret(secret, awsSecretAad(id), keyring);

function plainColumns(f: AwsConnectionFields) {
  return {
    ...(f.description !== undefined ? { description: f.description } : {}),
    ...(f.accessKeyId !== undefined ? { accessKeyId: f.accessKeyId } : {}),
    ...(f.awsRegion !== undefined ? { awsRegion: f.awsRegion } : {}),
    ...(f.cloudName !== undefined ? { cloudName: f.cloudName } : {}),
    ...(f.endpoint !== undefined ? { endpoint: f.endpoint } : {}),
    ...(f.meta !== undefined ? { meta: f.meta as object } : {}),
    ...(f.labels !== undefined ? { labels: f.labels } : {}),
  };
}

/** Stores an AWS connection (its secret access key sealed) and answers it as shown. */
export async function addAwsConnection(db: Db, keyring: Keyring, input: NewAwsConnection): Promise<AwsConnectionView> {
  const id = randomUUID();
  try {
    return await db.awsConnection.create({
      data: {
        id,
        name: input.name,
        accessKeyId: input.accessKeyId,
        awsRegion: input.awsRegion,
        ...plainColumns(input),
        ...sealedColumns(keyring, id, input.secretAccessKey),
      },
      select: AWS_CONNECTION_VIEW,
    });
  } catch (error) {
    if (prismaCodeOf(error) === UNIQUE_VIOLATION) {
      throw new InventoryError("CONNECTION_NAME_TAKEN", `a connection named ${input.name} already exists`);
    }
    throw error;
  }
}

/** Changes an AWS connection (a new secret sealed afresh); null when it is gone. */
export async function changeAwsConnection(
  db: Db,
  keyring: Keyring,
  id: string,
  changes: AwsConnectionFields,
): Promise<AwsConnectionView | null> {
  const sealed = changes.secretAccessKey !== undefined ? sealedColumns(keyring, id, changes.secretAccessKey) : {};
  const { count } = await db.awsConnection.updateMany({ where: { id }, data: { ...plainColumns(changes), ...sealed } });
  if (count === 0) return null;
  return db.awsConnection.findUnique({ where: { id }, select: AWS_CONNECTION_VIEW });
}

/** Deletes an AWS connection unless a KMS resource names it (CONNECTION_IN_USE). */
export async function deleteAwsConnection(db: Db, connection: { id: string; name: string }): Promise<void> {
  try {
    await db.awsConnection.deleteMany({ where: { id: connection.id } });
  } catch (error) {
    if (prismaCodeOf(error) === FOREIGN_KEY_VIOLATION) {
      throw new InventoryError("CONNECTION_IN_USE", `connection ${connection.name} is used by a KMS resource`);
    }
    throw error;
  }
}

export async function recordAwsConnectionTest(db: Db, id: string, outcome: { ok: boolean; error: string | null }) {
  await db.awsConnection.updateMany({ where: { id }, data: testOutcomeColumns(outcome) });
}

export type AwsConnectionRef = { id: string } | { name: string };

export function findAwsConnection(db: Db, ref: AwsConnectionRef): Promise<AwsConnectionView | null> {
  return db.awsConnection.findUnique({ where: ref, select: AWS_CONNECTION_VIEW });
}

export function findStoredAwsConnection(db: Db, ref: AwsConnectionRef): Promise<StoredAwsConnection | null> {
  return db.awsConnection.findUnique({ where: ref });
}

export interface AwsConnectionFilter {
  name?: string | undefined;
  id?: string | undefined;
}
export type AwsConnectionSortField = "createdAt" | "updatedAt" | "name";

const whereOf = (f: AwsConnectionFilter): Prisma.AwsConnectionWhereInput => ({
  ...(f.id ? { id: f.id } : {}),
  ...(f.name ? { name: f.name } : {}),
});

export const countAwsConnections = (db: Db, f: AwsConnectionFilter) => db.awsConnection.count({ where: whereOf(f) });

export function listAwsConnections(db: Db, f: AwsConnectionFilter, page: Page<AwsConnectionSortField>) {
  return db.awsConnection.findMany({
    where: whereOf(f),
    select: AWS_CONNECTION_VIEW,
    orderBy: orderByOf(page.sort, "-createdAt") as Prisma.AwsConnectionOrderByWithRelationInput[],
    skip: page.skip,
    take: page.take,
  });
}

type Sealed = Pick<
  StoredAwsConnection,
  | "id"
  | "accessKeyId"
  | "endpoint"
  | "secretCiphertext"
  | "secretNonce"
  | "secretTag"
  | "secretWrappedDek"
  | "secretKekId"
>;

/** The connection's credentials for one region, the secret opened for one use; keep it out of logs. */
export function awsCredentialsOf(row: Sealed, keyring: Keyring, region: string): AwsKmsConnection {
  const secretAccessKey = openSecret(row, awsSecretAad(row.id), keyring);
  return { region, accessKeyId: row.accessKeyId, secretAccessKey, ...(row.endpoint ? { endpoint: row.endpoint } : {}) };
}
