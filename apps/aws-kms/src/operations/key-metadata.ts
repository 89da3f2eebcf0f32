import { aliasArn, keyArn } from "../store/arn.ts";
import { algorithms } from "../store/key-spec.ts";
import type { AliasRecord, KeyRecord } from "../store/records.ts";

/** AWS JSON timestamps are epoch seconds (with a fraction). */
export const epochSeconds = (ms: number) => ms / 1000;

export const arnOf = (key: KeyRecord) => keyArn(key.region, key.account, key.keyId);

/** DescribeKey's `KeyMetadata`, in AWS's PascalCase. */
export function keyMetadata(key: KeyRecord) {
  const pending = key.state === "PendingDeletion" && key.deletionDate !== undefined;
  return {
    AWSAccountId: key.account,
    KeyId: key.keyId,
    Arn: arnOf(key),
    CreationDate: epochSeconds(key.creationDate),
    Enabled: key.state === "Enabled",
    Description: key.description,
    KeyUsage: key.keyUsage,
    KeyState: key.state,
    ...(pending ? { DeletionDate: epochSeconds(key.deletionDate ?? 0) } : {}),
    Origin: key.origin,
    KeyManager: "CUSTOMER",
    CustomerMasterKeySpec: key.keySpec,
    KeySpec: key.keySpec,
    ...algorithms(key.keySpec, key.keyUsage),
    MultiRegion: false,
  };
}

/** One entry of ListAliases. */
export function aliasEntry(alias: AliasRecord) {
  return {
    AliasName: alias.aliasName,
    AliasArn: aliasArn(alias.region, alias.account, alias.aliasName),
    TargetKeyId: alias.targetKeyId,
    CreationDate: epochSeconds(alias.creationDate),
    LastUpdatedDate: epochSeconds(alias.lastUpdatedDate),
  };
}
