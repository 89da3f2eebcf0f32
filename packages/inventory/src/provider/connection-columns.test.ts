import { createPrismaClient, type Db } from "@cckm/db";
import { awsKms, createTestDatabase, insertInventoryStub, ociVaults, type TestDatabase } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAwsConnectionTest } from "../aws/aws-connections.ts";
import { recordOciConnectionTest } from "../oci/connections.ts";
import { recordConnectionTest } from "../sap/connection-changes.ts";

// Every cloud records a connection test the same way, in its own table.
describe("a connection test's outcome", () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrismaClient(database.url, { max: 2 });
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it("is recorded with its error when it failed, and the error cleared when it passes", async () => {
    const sap = (await insertInventoryStub(db)).connectionId;
    const aws = (await db.awsKms.findUniqueOrThrow({ where: { id: (await awsKms(db)).id } })).connectionId;
    const oci = (await ociVaults(db, ["tested"]))[0]?.connectionId as string;
    const where = (id: string) => ({ where: { id } });
    const clouds = [
      { id: sap, record: recordConnectionTest, read: (id: string) => db.sapConnection.findUniqueOrThrow(where(id)) },
      { id: aws, record: recordAwsConnectionTest, read: (id: string) => db.awsConnection.findUniqueOrThrow(where(id)) },
      { id: oci, record: recordOciConnectionTest, read: (id: string) => db.ociConnection.findUniqueOrThrow(where(id)) },
    ];
    for (const cloud of clouds) {
      await cloud.record(db, cloud.id, { ok: false, error: "NETWORK: refused" });
      expect(await cloud.read(cloud.id)).toMatchObject({ lastTestOk: false, lastTestError: "NETWORK: refused" });
      await cloud.record(db, cloud.id, { ok: true, error: "signed in" });
      const passed = await cloud.read(cloud.id);
      expect(passed).toMatchObject({ lastTestOk: true, lastTestError: null });
      expect(passed.lastTestedAt).toBeInstanceOf(Date);
    }
  });
});
