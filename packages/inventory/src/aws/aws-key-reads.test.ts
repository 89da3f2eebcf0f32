import { createPrismaClient, type Db } from "@cckm/db";
import { awsKeyRow, awsKms, createTestDatabase, type TestDatabase } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AwsKeyFilter, countAwsKeys, listAwsKeys } from "./aws-key-reads.ts";

describe("AWS key list filters", () => {
  let database: TestDatabase;
  let db: Db;
  const ids = (f: AwsKeyFilter) => listAwsKeys(db, f, { skip: 0, take: 100 }).then((r) => r.map((k) => k.keyId).sort());
  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrismaClient(database.url, { max: 2 });
    const kms = await awsKms(db);
    const key = (keyId: string, tags: unknown[], origin = "AWS_KMS") => awsKeyRow(kms.id, keyId, { tags, origin });
    await db.awsKey.createMany({
      data: [
        key("k1", [{ TagKey: "env", TagValue: "prod" }]),
        key("k2", [
          { TagKey: "env", TagValue: "dev" },
          { TagKey: "team", TagValue: "prod" },
        ]),
        key("k3", [], "EXTERNAL"),
      ],
    });
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it("tags: the keys with a tag of that value, whatever its key", async () => {
    expect(await ids({ tagValue: "prod" })).toEqual(["k1", "k2"]);
    expect(await ids({ tagValue: "dev" })).toEqual(["k2"]);
    expect(await ids({ tagValue: "env" })).toEqual([]);
    expect(await countAwsKeys(db, { tagValue: "prod", origin: "AWS_KMS" })).toBe(2);
  });

  it("filters over what is not held here match none when asked for, all when denied", async () => {
    expect(await ids({ jobConfigId: "j" })).toEqual([]);
    expect(await ids({ policyTemplateId: "t" })).toEqual([]);
    expect(await ids({ keySource: "LOCAL" })).toEqual([]);
    expect(await ids({ rotationJobEnabled: true })).toEqual([]);
    expect(await ids({ rotationJobEnabled: false })).toEqual(["k1", "k2", "k3"]);
    expect(await countAwsKeys(db, { jobConfigId: "j" })).toBe(0);
  });

  it("key_material_origin: native is AWS's own material, unknown any other, cckm none", async () => {
    expect(await ids({ keyMaterialOrigin: "native" })).toEqual(["k1", "k2"]);
    expect(await ids({ keyMaterialOrigin: "unknown" })).toEqual(["k3"]);
    expect(await ids({ keyMaterialOrigin: "cckm" })).toEqual([]);
  });
});
