import { type AwsKmsClient, AwsKmsError, type KeyMetadata, type Tag } from "@cckm/aws-kms-client";

/** What AWS says of one key: DescribeKey, its aliases, policy, tags and rotation flag. */
export interface AwsKeySnapshot {
  metadata: KeyMetadata;
  aliases: string[];
  policy: unknown;
  tags: Tag[];
  rotationEnabled: boolean;
}

/** Answers of GetKeyRotationStatus that mean "no rotation here" (pending deletion, asymmetric, external keys). */
const NO_ROTATION = new Set(["INVALID_STATE", "UNSUPPORTED", "VALIDATION"]);

function parsePolicy(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function rotationOf(client: AwsKmsClient, keyId: string): Promise<boolean> {
  try {
    return (await client.getKeyRotationStatus(keyId)).enabled;
  } catch (error) {
    if (error instanceof AwsKmsError && NO_ROTATION.has(error.code)) return false;
    throw error;
  }
}

/** Reads one key from AWS (every call may throw AwsKmsError; nothing is written). */
export async function readAwsKey(client: AwsKmsClient, keyId: string): Promise<AwsKeySnapshot> {
  const metadata = await client.describeKey(keyId);
  const id = metadata.KeyId as string;
  const [aliases, policy, tags, rotationEnabled] = await Promise.all([
    client.listAliases({ keyId: id }),
    client.getKeyPolicy(id),
    client.listResourceTags(id),
    rotationOf(client, id),
  ]);
  return {
    metadata,
    aliases: aliases.flatMap((a) => (a.AliasName ? [a.AliasName] : [])),
    policy: parsePolicy(policy),
    tags,
    rotationEnabled,
  };
}
