import type { Db, Page, Prisma } from "@cckm/db";
import { orderByOf } from "@cckm/db";
import { FOREIGN_KEY_VIOLATION, InventoryError, prismaCodeOf, UNIQUE_VIOLATION } from "../errors.ts";

/** A KMS resource as shown, with its connection's name. */
export const AWS_KMS_VIEW = {
  id: true,
  name: true,
  accountId: true,
  regions: true,
  connectionId: true,
  createdAt: true,
  updatedAt: true,
  connection: { select: { name: true, cloudName: true } },
} as const satisfies Prisma.AwsKmsSelect;

export type AwsKmsView = Prisma.AwsKmsGetPayload<{ select: typeof AWS_KMS_VIEW }>;

export interface NewAwsKms {
  name: string;
  accountId: string;
  regions: string[];
  connectionId: string;
}

function nameTaken(error: unknown, name: string | undefined): never {
  if (prismaCodeOf(error) === UNIQUE_VIOLATION) {
    throw new InventoryError("KMS_NAME_TAKEN", `a KMS named ${name} already exists`);
  }
  throw error;
}

export async function addAwsKms(db: Db, input: NewAwsKms): Promise<AwsKmsView> {
  try {
    return await db.awsKms.create({ data: input, select: AWS_KMS_VIEW });
  } catch (error) {
    return nameTaken(error, input.name);
  }
}

/** Changes a KMS resource; null when it is gone. */
export async function changeAwsKms(db: Db, id: string, changes: Partial<NewAwsKms>): Promise<AwsKmsView | null> {
  try {
    const { count } = await db.awsKms.updateMany({ where: { id }, data: changes });
    if (count === 0) return null;
  } catch (error) {
    return nameTaken(error, changes.name);
  }
  return db.awsKms.findUnique({ where: { id }, select: AWS_KMS_VIEW });
}

/** Deletes a KMS resource unless keys of the inventory belong to it (KMS_HAS_KEYS). */
export async function deleteAwsKms(db: Db, kms: { id: string; name: string }): Promise<void> {
  try {
    await db.awsKms.deleteMany({ where: { id: kms.id } });
  } catch (error) {
    if (prismaCodeOf(error) === FOREIGN_KEY_VIOLATION) {
      throw new InventoryError("KMS_HAS_KEYS", `KMS ${kms.name} still has keys in the inventory`);
    }
    throw error;
  }
}

export type AwsKmsRef = { id: string } | { name: string };

export function findAwsKms(db: Db, ref: AwsKmsRef): Promise<AwsKmsView | null> {
  return db.awsKms.findUnique({ where: ref, select: AWS_KMS_VIEW });
}

/** The KMS resources named (by id or name), in any order; unknown ones are left out. */
export function findAwsKmsList(db: Db, refs: readonly string[]): Promise<AwsKmsView[]> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const ids = refs.filter((r) => uuid.test(r));
  return db.awsKms.findMany({
    where: { OR: [{ id: { in: ids } }, { name: { in: [...refs] } }] },
    select: AWS_KMS_VIEW,
  });
}

export const allAwsKms = (db: Db) => db.awsKms.findMany({ select: AWS_KMS_VIEW, orderBy: { createdAt: "asc" } });

export interface AwsKmsFilter {
  id?: string | undefined;
  name?: string | undefined;
  accountId?: string | undefined;
}
export type AwsKmsSortField = "createdAt" | "updatedAt" | "name";

const whereOf = (f: AwsKmsFilter): Prisma.AwsKmsWhereInput => ({
  ...(f.id ? { id: f.id } : {}),
  ...(f.name ? { name: f.name } : {}),
  ...(f.accountId ? { accountId: f.accountId } : {}),
});

export const countAwsKms = (db: Db, f: AwsKmsFilter) => db.awsKms.count({ where: whereOf(f) });

export function listAwsKms(db: Db, f: AwsKmsFilter, page: Page<AwsKmsSortField>): Promise<AwsKmsView[]> {
  return db.awsKms.findMany({
    where: whereOf(f),
    select: AWS_KMS_VIEW,
    orderBy: orderByOf(page.sort, "-createdAt") as Prisma.AwsKmsOrderByWithRelationInput[],
    skip: page.skip,
    take: page.take,
  });
}

/** The stored connection of a KMS resource (with its sealed secret, for its clients). */
export function kmsConnection(db: Db, kmsId: string) {
  return db.awsConnection.findFirst({ where: { kms: { some: { id: kmsId } } } });
}
