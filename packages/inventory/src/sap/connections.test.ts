import { randomBytes } from "node:crypto";
import { createKeyring } from "@cckm/crypto";
import { createPrismaClient, type Db } from "@cckm/db";
import { createTestDatabase, type TestDatabase } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConnection, credentialsOf } from "./connections.ts";

describe("connection secrets", () => {
  let database: TestDatabase;
  let db: Db;
  const keyring = createKeyring({ id: "kek-test", base64: randomBytes(32).toString("base64") });
  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrismaClient(database.url, { max: 2 });
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it("are stored sealed and come back only through the keyring, bound to their connection", async () => {
    const secret = "technical-user-secret-Ω";
    const row = await createConnection(db, keyring, {
      name: "tenant-a",
      apiEndpoint: "http://127.0.0.1:4040",
      apiKey: "tu-1",
      secret,
    });
    const raw = await db.sapConnection.findUniqueOrThrow({ where: { id: row.id } });
    expect(Buffer.from(raw.secretCiphertext).toString("utf8")).not.toContain("technical-user-secret");
    expect(raw.secretKekId).toBe("kek-test");
    expect(credentialsOf(raw, keyring)).toEqual({
      connectionId: row.id,
      apiEndpoint: "http://127.0.0.1:4040",
      apiKey: "tu-1",
      secret,
    });
    // The same sealed secret under another connection's id does not open.
    expect(() => credentialsOf({ ...raw, id: "00000000-0000-4000-8000-000000000000" }, keyring)).toThrow(
      /decryption failed/,
    );
  });
});
