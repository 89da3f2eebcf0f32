import type { NewAwsKey } from "@cckm/aws-kms-client";
import type { Db } from "@cckm/db";
import type { AwsClients } from "./aws-clients.ts";
import type { AwsKeyView } from "./aws-key-reads.ts";
import { readAwsKey } from "./aws-key-snapshot.ts";
import { recordAwsKey, upsertAwsKey } from "./aws-key-writes.ts";
import { kmsConnection } from "./aws-kms.ts";

/**
 * Creates a key in a KMS resource's region: CreateKey, then the key is read back and recorded (so a
 * key AWS made is in the inventory even if what follows fails), then the alias if one is asked for,
 * and the key recorded again as AWS then answers it. Null when the KMS resource has no connection.
 */
export async function createAwsKey(
  db: Db,
  clients: AwsClients,
  kms: { id: string; region: string },
  key: NewAwsKey & { alias?: string | undefined },
): Promise<AwsKeyView | null> {
  const connection = await kmsConnection(db, kms.id);
  if (!connection) return null;
  const client = clients.for(connection, kms.region);
  const { alias, ...spec } = key;
  const made = await client.createKey(spec);
  const keyId = made.KeyId as string;
  const stored = await upsertAwsKey(db, kms.id, kms.region, await readAwsKey(client, keyId));
  if (alias === undefined) return stored;
  await client.createAlias(alias.startsWith("alias/") ? alias : `alias/${alias}`, keyId);
  return recordAwsKey(db, stored.id, await readAwsKey(client, keyId));
}
