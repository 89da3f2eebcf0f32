import { randomUUID } from "node:crypto";
import type { Keyring } from "@cckm/crypto";
import type { Db } from "@cckm/db";
import { createConnection } from "@cckm/inventory";

/** Inventory rows written straight to the database, for tests of the read routes. */
export async function seedInventory(db: Db, keyring: Keyring, name = `tenant-${randomUUID().slice(0, 8)}`) {
  const connection = await createConnection(db, keyring, {
    name,
    apiEndpoint: "http://127.0.0.1:1",
    apiKey: "tu",
    secret: "fixture-secret",
  });
  const group = await db.sapGroup.create({
    data: { connectionId: connection.id, sapGroupId: randomUUID(), name: `${name}-group`, region: "eu10" },
  });
  const key = (fields: { name: string; type?: string; gone?: boolean; exportable?: boolean }) =>
    db.sapKey.create({
      data: {
        connectionId: connection.id,
        groupId: group.id,
        sapKeyId: randomUUID(),
        name: fields.name,
        type: fields.type ?? "AES",
        size: fields.type === "EC" ? null : 256,
        exportable: fields.exportable ?? true,
        gone: fields.gone ?? false,
        totalVersions: 1,
        primaryVersion: 0,
      },
    });
  return { connection, group, key };
}

/** A finished delete job with a (fake, sealed-looking) backup attached to the key. */
export async function attachBackup(db: Db, key: { id: string; sapKeyId: string }, groupSapId: string) {
  const job = await db.sapKeyJob.create({
    data: {
      cckmKeyId: key.id,
      groupId: groupSapId,
      queueJobId: randomUUID(),
      sapKeyId: key.sapKeyId,
      operation: "delete",
      creatorId: randomUUID(),
      creatorName: "fixture",
      state: "DONE",
      backupStatus: "done",
    },
  });
  const bytes = new Uint8Array(16);
  const backup = await db.keyBackup.create({
    data: {
      keyId: key.id,
      jobId: job.id,
      sapKeyId: key.sapKeyId,
      keyType: "AES",
      versionCount: 1,
      provenAt: new Date(),
      versions: {
        create: [
          { version: 0, ciphertext: bytes, nonce: bytes, tag: bytes, wrappedDek: bytes, kekId: "k", digest: "0" },
        ],
      },
    },
  });
  await db.sapKey.update({ where: { id: key.id }, data: { backupId: backup.id, gone: true, goneAt: new Date() } });
  return { job, backup };
}
