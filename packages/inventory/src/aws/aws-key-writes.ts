import type { Db, Prisma } from "@cckm/db";
import { type KeyTable, markVanished } from "../provider/vanished.ts";
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

/** AWS's key table as the shared gone marking sees it: keys by their KeyId, stamped `synced_at`. */
export const AWS_KEY_TABLE: KeyTable = { table: "aws_keys", upstreamId: "key_id", stamp: "synced_at" };

/** Marks `gone` the keys of (kms, region) that AWS no longer lists; answers how many. */
export function markVanishedAwsKeys(db: Db, kmsId: string, region: string, present: string[]): Promise<number> {
  const scope = { kms_id: { type: "uuid", is: kmsId }, region: { type: "text", is: region } } as const;
  return markVanished(db, AWS_KEY_TABLE, scope, present);
}

/** Marks one key `gone` (AWS answered NotFound for it). */
export async function markAwsKeyGone(db: Db, id: string): Promise<AwsKeyView | null> {
  const { count } = await db.awsKey.updateMany({ where: { id }, data: { gone: true, syncedAt: new Date() } });
  if (count === 0) return null;
  return db.awsKey.findUnique({ where: { id }, select: AWS_KEY_VIEW });
}
