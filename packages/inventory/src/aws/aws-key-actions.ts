import { type AwsKmsClient, AwsKmsError } from "@cckm/aws-kms-client";
import type { Db } from "@cckm/db";
import type { AwsClients } from "./aws-clients.ts";
import type { AwsKeyView } from "./aws-key-reads.ts";
import { readAwsKey } from "./aws-key-snapshot.ts";
import { markAwsKeyGone, recordAwsKey } from "./aws-key-writes.ts";
import { kmsConnection } from "./aws-kms.ts";

/** A lifecycle change of one key, as AWS makes it. */
export type AwsKeyAction =
  | { action: "enable" }
  | { action: "disable" }
  | { action: "cancel-deletion" }
  | { action: "schedule-deletion"; days: number }
  | { action: "refresh" };

function call(client: AwsKmsClient, keyId: string, change: AwsKeyAction): Promise<unknown> {
  switch (change.action) {
    case "enable":
      return client.enableKey(keyId);
    case "disable":
      return client.disableKey(keyId);
    case "cancel-deletion":
      return client.cancelKeyDeletion(keyId);
    case "schedule-deletion":
      return client.scheduleKeyDeletion(keyId, change.days);
    case "refresh":
      return Promise.resolve();
  }
}

/**
 * Makes the change in AWS, then reads the key back and records what AWS answered (one write). An AWS
 * refusal or outage throws its AwsKmsError before anything is written, so the inventory is unchanged;
 * only a refresh that finds the key gone from AWS records it `gone`. Null when the row vanished meanwhile.
 */
export async function changeAwsKey(
  db: Db,
  clients: AwsClients,
  key: Pick<AwsKeyView, "id" | "kmsId" | "region" | "keyId">,
  change: AwsKeyAction,
): Promise<AwsKeyView | null> {
  const connection = await kmsConnection(db, key.kmsId);
  if (!connection) return null;
  const client = clients.for(connection, key.region);
  await call(client, key.keyId, change);
  try {
    return await recordAwsKey(db, key.id, await readAwsKey(client, key.keyId));
  } catch (error) {
    if (change.action === "refresh" && error instanceof AwsKmsError && error.code === "NOT_FOUND") {
      return markAwsKeyGone(db, key.id);
    }
    throw error;
  }
}
