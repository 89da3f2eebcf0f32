import { AwsKmsError } from "@cckm/aws-kms-client";
import type { Db } from "@cckm/db";
import type { AwsClients } from "./aws-clients.ts";
import { readAwsKey } from "./aws-key-snapshot.ts";
import { markVanishedAwsKeys, upsertAwsKey } from "./aws-key-writes.ts";
import { kmsConnection } from "./aws-kms.ts";

export interface AwsRegionSyncDetail {
  region: string;
  keys: number;
  gone: number;
}

export interface AwsKmsSyncDetail {
  kms_id: string;
  kms: string;
  regions: AwsRegionSyncDetail[];
}

export interface AwsSyncDetails {
  kms: AwsKmsSyncDetail[];
}

export interface AwsSyncTarget {
  id: string;
  name: string;
  regions: string[];
}

/**
 * Brings the keys of each KMS resource's regions into the inventory: every key AWS lists is read
 * (DescribeKey and friends) and upserted by (kms, region, KeyId); keys the inventory has that AWS no
 * longer lists are marked `gone`. Each step is safe to run again (a retried sync redoes the same writes).
 * An AWS error ends the run (the engine retries a transient one). `stopRequested` is asked between regions.
 */
export async function runAwsSync(
  db: Db,
  clients: AwsClients,
  targets: readonly AwsSyncTarget[],
  options: { stopRequested?: () => Promise<boolean> } = {},
): Promise<AwsSyncDetails> {
  const details: AwsSyncDetails = { kms: [] };
  for (const kms of targets) {
    const connection = await kmsConnection(db, kms.id);
    if (!connection) continue;
    const detail: AwsKmsSyncDetail = { kms_id: kms.id, kms: kms.name, regions: [] };
    details.kms.push(detail);
    for (const region of kms.regions) {
      if (await options.stopRequested?.()) return details;
      const client = clients.for(connection, region);
      const listed = await client.listKeys();
      const present: string[] = [];
      for (const entry of listed) {
        if (!entry.KeyId) continue;
        try {
          await upsertAwsKey(db, kms.id, region, await readAwsKey(client, entry.KeyId));
          present.push(entry.KeyId);
        } catch (error) {
          // Deleted between ListKeys and DescribeKey: not present any more.
          if (error instanceof AwsKmsError && error.code === "NOT_FOUND") continue;
          throw error;
        }
      }
      const gone = await markVanishedAwsKeys(db, kms.id, region, present);
      detail.regions.push({ region, keys: present.length, gone });
    }
  }
  return details;
}
