import { createPrismaClient, type Db } from "@cckm/db";
import { awsKeyRow, awsKms, createTestDatabase, ociKeyRow, ociVaults, TENANCY, type TestDatabase } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markVanishedAwsKeys } from "../aws/aws-key-writes.ts";
import { markVanishedOciKeys, syncOciKeyVersions } from "../oci/keys.ts";
import { markVanished } from "./vanished.ts";

// The one gone marking, through each cloud's key table.
describe("marking what a listing no longer names gone", () => {
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

  it("AWS: only the keys of the listed KMS and region that AWS did not list; a second run changes nothing", async () => {
    const kms = await awsKms(db);
    await db.awsKey.createMany({
      data: [
        awsKeyRow(kms.id, "a1"),
        awsKeyRow(kms.id, "a2"),
        awsKeyRow(kms.id, "a3"),
        awsKeyRow(kms.id, "e1", { region: "eu-west-1" }),
      ],
    });
    const a2 = { kmsId: kms.id, region: "us-east-1", keyId: "a2" };
    const before = await db.awsKey.findUniqueOrThrow({ where: { kmsId_region_keyId: a2 } });
    expect(await markVanishedAwsKeys(db, kms.id, "us-east-1", ["a1", "a3"])).toBe(1);
    const rows = await db.awsKey.findMany({ orderBy: { keyId: "asc" } });
    expect(rows.map((k) => [k.keyId, k.gone])).toEqual([
      ["a1", false],
      ["a2", true],
      ["a3", false],
      ["e1", false],
    ]);
    const gone = rows.find((k) => k.keyId === "a2");
    expect(gone?.syncedAt).not.toBeNull();
    expect(gone?.updatedAt.getTime()).toBeGreaterThanOrEqual(before.updatedAt.getTime());
    expect(await markVanishedAwsKeys(db, kms.id, "us-east-1", ["a1", "a3"])).toBe(0);
    // Nothing listed: everything of the scope goes, and nothing beyond it.
    expect(await markVanishedAwsKeys(db, kms.id, "eu-west-1", [])).toBe(1);
  });

  it("OCI: the keys of the vault's listed compartments, and a key's versions", async () => {
    const [vault, other] = await ociVaults(db, ["v", "w"]);
    const vaultId = vault?.id as string;
    await db.ociKey.createMany({
      data: [
        ociKeyRow(vaultId, "k1"),
        ociKeyRow(vaultId, "k2"),
        ociKeyRow(vaultId, "k3", { compartmentId: "ocid1.compartment.oc1..unlisted" }),
        ociKeyRow(other?.id as string, "k4"),
      ],
    });
    expect(await markVanishedOciKeys(db, vaultId, [TENANCY], ["ocid1.key.oc1.iad.k1"])).toBe(1);
    const keys = await db.ociKey.findMany({ orderBy: { displayName: "asc" } });
    expect(keys.map((k) => [k.displayName, k.gone])).toEqual([
      ["k1", false],
      ["k2", true],
      ["k3", false],
      ["k4", false],
    ]);

    const key = keys[0]?.id as string;
    const version = (v: string) => ({
      id: `ocid1.keyversion.oc1.iad.${v}`,
      compartmentId: TENANCY,
      vaultId: "ocid1.vault.oc1.iad.v",
      keyId: "ocid1.key.oc1.iad.k1",
      lifecycleState: "ENABLED",
      origin: "INTERNAL",
      timeCreated: "2026-01-01T00:00:00Z",
    });
    await syncOciKeyVersions(db, key, null, [version("a"), version("b")] as never);
    await syncOciKeyVersions(db, key, null, [version("b")] as never);
    const versions = await db.ociKeyVersion.findMany({ orderBy: { versionOcid: "asc" } });
    expect(versions.map((v) => [v.versionOcid.slice(-1), v.gone])).toEqual([
      ["a", true],
      ["b", false],
    ]);
  });

  it("refuses a table or column name that is not one", async () => {
    await expect(
      markVanished(db, { table: "aws_keys; --", upstreamId: "key_id", stamp: "synced_at" }, {}, []),
    ).rejects.toThrow(/not a column or table name/);
  });
});
