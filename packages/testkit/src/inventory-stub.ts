import { randomUUID } from "node:crypto";
import type { Db } from "@cckm/db";

/**
 * A connection (with a placeholder, never-opened secret) and a group, written straight to the
 * database, for tests of job and queue code that never calls SAP; `key()` adds a key to the group.
 */
export async function insertInventoryStub(db: Db) {
  const connection = await db.sapConnection.create({
    data: {
      name: `stub-${randomUUID().slice(0, 8)}`,
      apiEndpoint: "http://127.0.0.1:1",
      apiKey: "k",
      secretCiphertext: new Uint8Array(1),
      secretNonce: new Uint8Array(1),
      secretTag: new Uint8Array(1),
      secretWrappedDek: new Uint8Array(1),
      secretKekId: "k",
    },
  });
  const group = await db.sapGroup.create({
    data: { connectionId: connection.id, sapGroupId: randomUUID(), name: "stub-group" },
  });
  const key = (name: string) =>
    db.sapKey.create({
      data: { connectionId: connection.id, groupId: group.id, sapKeyId: randomUUID(), name, type: "AES" },
    });
  return { connectionId: connection.id, groupId: group.id, key };
}
