import { randomBytes } from "node:crypto";
import { createKeyring } from "@cckm/crypto";
import { createPrismaClient, type Db } from "@cckm/db";
import { createTestDatabase, type TestDatabase } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InventoryError } from "../errors.ts";
import { addConnection, deleteConnection } from "./connection-changes.ts";
import { findConnection } from "./connection-reads.ts";

describe("connection changes", () => {
  let database: TestDatabase;
  let db: Db;
  const keyring = createKeyring({ id: "kek-test", base64: randomBytes(32).toString("base64") });
  const connection = (name: string) =>
    addConnection(db, keyring, { name, apiEndpoint: "http://127.0.0.1:4040", apiKey: "tu", secret: "s" });
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => (error instanceof InventoryError ? { code: error.code, message: error.message } : error),
    );
  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrismaClient(database.url, { max: 2 });
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it("adds a connection and answers it without its secret; a name taken is CONNECTION_NAME_TAKEN", async () => {
    const added = await connection("tenant-a");
    expect(added).toMatchObject({ name: "tenant-a", apiKey: "tu" });
    expect(added).not.toHaveProperty("secretCiphertext");
    expect(await refusal(connection("tenant-a"))).toEqual({
      code: "CONNECTION_NAME_TAKEN",
      message: "a connection named tenant-a already exists",
    });
  });

  it("deletes a connection only while no key and no running sync depends on it, saying which", async () => {
    const withKey = await connection("with-key");
    const group = await db.sapGroup.create({ data: { connectionId: withKey.id, sapGroupId: "g-1", name: "g" } });
    await db.sapKey.create({
      data: { connectionId: withKey.id, groupId: group.id, sapKeyId: "k-1", name: "k", type: "AES" },
    });
    expect(await refusal(deleteConnection(db, withKey))).toEqual({
      code: "CONNECTION_HAS_KEYS",
      message: "connection with-key still has 1 key(s) in the inventory",
    });

    const syncing = await connection("syncing");
    await db.syncJob.create({ data: { connectionId: syncing.id, creatorId: "u", creatorName: "u" } });
    expect(await refusal(deleteConnection(db, syncing))).toEqual({
      code: "CONNECTION_SYNCING",
      message: "connection syncing is being synchronized",
    });
    await db.syncJob.updateMany({ where: { connectionId: syncing.id }, data: { overallStatus: "completed" } });
    await deleteConnection(db, syncing);
    expect(await findConnection(db, { id: syncing.id })).toBeNull();
    expect(await db.syncJob.count({ where: { connectionId: syncing.id } })).toBe(0);
    // Gone already: nothing to refuse.
    await deleteConnection(db, syncing);
    expect(await findConnection(db, { id: withKey.id })).not.toBeNull();
  });
});
