import { randomUUID } from "node:crypto";
import type { Db } from "@cckm/db";

/** Rows the AWS and OCI tests stand on: a connection and its containers, with placeholder sealed columns. */
const sealed = {
  secretCiphertext: Buffer.alloc(1),
  secretNonce: Buffer.alloc(1),
  secretTag: Buffer.alloc(1),
  secretWrappedDek: Buffer.alloc(1),
  secretKekId: "k",
};

export const TENANCY = "ocid1.tenancy.oc1..t";

/** An AWS connection and a KMS resource of it (account 111122223333, region us-east-1). */
export async function awsKms(db: Db): Promise<{ id: string }> {
  const connection = await db.awsConnection.create({
    data: { name: `aws-${randomUUID().slice(0, 8)}`, accessKeyId: "AKIA", awsRegion: "us-east-1", ...sealed },
  });
  const name = `kms-${randomUUID().slice(0, 8)}`;
  return db.awsKms.create({
    data: { name, accountId: "111122223333", connectionId: connection.id, regions: ["us-east-1"] },
  });
}

/** An AWS key row of that KMS in us-east-1 (or the region given). */
export const awsKeyRow = (
  kmsId: string,
  keyId: string,
  more: { tags?: unknown[]; origin?: string; region?: string } = {},
) => ({
  kmsId,
  region: more.region ?? "us-east-1",
  keyId,
  arn: `arn:aws:kms:us-east-1:111122223333:key/${keyId}`,
  awsAccountId: "111122223333",
  keyState: "Enabled",
  enabled: true,
  origin: more.origin ?? "AWS_KMS",
  metadata: {},
  tags: (more.tags ?? []) as never,
});

/** An OCI connection and its vaults, one per name (`ocid1.vault.oc1.iad.<name>`). */
export async function ociVaults(
  db: Db,
  names: string[],
): Promise<{ id: string; vaultOcid: string; connectionId: string }[]> {
  const connection = await db.ociConnection.create({
    data: {
      name: `oci-${randomUUID().slice(0, 8)}`,
      tenancyOcid: TENANCY,
      userOcid: "ocid1.user.oc1..u",
      fingerprint: "f",
      region: "us-ashburn-1",
      ...sealed,
    },
  });
  const vaults = [];
  for (const v of names) {
    vaults.push(
      await db.ociVault.create({
        data: {
          connectionId: connection.id,
          vaultOcid: `ocid1.vault.oc1.iad.${v}`,
          displayName: v,
          compartmentId: TENANCY,
          region: "us-ashburn-1",
          vaultType: "DEFAULT",
          lifecycleState: "ACTIVE",
          managementEndpoint: "http://127.0.0.1",
        },
      }),
    );
  }
  return vaults;
}

/** An OCI key row of a vault (`ocid1.key.oc1.iad.<name>`, AES-256, ENABLED). */
export const ociKeyRow = (vaultId: string, name: string, more: { createdAt?: Date; compartmentId?: string } = {}) => ({
  vaultId,
  keyOcid: `ocid1.key.oc1.iad.${name}`,
  compartmentId: more.compartmentId ?? TENANCY,
  displayName: name,
  lifecycleState: "ENABLED",
  algorithm: "AES",
  length: 32,
  ...(more.createdAt ? { createdAt: more.createdAt } : {}),
});
