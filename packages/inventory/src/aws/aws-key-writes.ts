import type { Db, Prisma } from "@cckm/db";
import { AWS_KEY_VIEW, type AwsKeyView } from "./aws-key-reads.ts";
import type { AwsKeySnapshot } from "./aws-key-snapshot.ts";

/** The columns a snapshot sets (every one of them, so a second write of the same answer changes nothing). */
function columnsOf(s: AwsKeySnapshot, syncedAt: Date) {
  const m = s.metadata;
  return {
    arn: m.Arn ?? "",
    awsAccountId: m.AWSAccountId ?? "",
    keyState: m.KeyState ?? "Unavailable",
    enabled: m.Enabled === true,
    keyUsage: m.KeyUsage ?? null,
    keySpec: m.KeySpec ?? m.CustomerMasterKeySpec ?? null,
    origin: m.Origin ?? null,
    keyManager: m.KeyManager ?? null,
    description: m.Description ?? null,
    creationDate: m.CreationDate ?? null,
    deletionDate: m.DeletionDate ?? null,
    multiRegion: m.MultiRegion === true,
    metadata: JSON.parse(JSON.stringify(m)) as Prisma.InputJsonValue,
    policy: (s.policy ?? undefined) as Prisma.InputJsonValue | undefined,
    aliases: s.aliases,
    tags: s.tags as unknown as Prisma.InputJsonValue,
    rotationEnabled: s.rotationEnabled,
    gone: false,
    syncedAt,
  };
}

/** Records a key as AWS answered it, by (kms, region, KeyId): one upsert, safe to run twice. */
export function upsertAwsKey(db: Db, kmsId: string, region: string, s: AwsKeySnapshot, syncedAt = new Date()) {
  const keyId = s.metadata.KeyId as string;
  const columns = columnsOf(s, syncedAt);
  return db.awsKey.upsert({
    where: { kmsId_region_keyId: { kmsId, region, keyId } },
    create: { kmsId, region, keyId, ...columns },
    update: columns,
    select: AWS_KEY_VIEW,
  });
}

/** Records what AWS answered after a change of one key (one write); null when the row is gone meanwhile. */
export async function recordAwsKey(db: Db, id: string, s: AwsKeySnapshot): Promise<AwsKeyView | null> {
  const { count } = await db.awsKey.updateMany({ where: { id }, data: columnsOf(s, new Date()) });
  if (count === 0) return null;
  return db.awsKey.findUnique({ where: { id }, select: AWS_KEY_VIEW });
}

/** Marks `gone` the keys of (kms, region) that AWS no longer lists; answers how many. */
export async function markVanishedAwsKeys(db: Db, kmsId: string, region: string, present: string[]) {
  const { count } = await db.awsKey.updateMany({
    where: { kmsId, region, gone: false, keyId: { notIn: present } },
    data: { gone: true, syncedAt: new Date() },
  });
  return count;
}

/** Marks one key `gone` (AWS answered NotFound for it). */
export async function markAwsKeyGone(db: Db, id: string): Promise<AwsKeyView | null> {
  const { count } = await db.awsKey.updateMany({ where: { id }, data: { gone: true, syncedAt: new Date() } });
  if (count === 0) return null;
  return db.awsKey.findUnique({ where: { id }, select: AWS_KEY_VIEW });
}
