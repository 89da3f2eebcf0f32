import { createPrismaClient, type Db } from "@cckm/db";
import { createTestDatabase, ociKeyRow, ociVaults, type TestDatabase } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listOciKeys, type OciKeyFilter } from "./key-reads.ts";
import { listOciVersions } from "./version-reads.ts";

describe("OCI key and version list filters", () => {
  let database: TestDatabase;
  let db: Db;
  let vaults: { id: string; vaultOcid: string }[];
  let keyId: string;
  const names = async (f: OciKeyFilter, sort?: { field: "createdAt" | "updatedAt"; direction: "asc" | "desc" }[]) =>
    (await listOciKeys(db, f, { skip: 0, take: 100, sort })).rows.map((k) => k.displayName);
  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrismaClient(database.url, { max: 2 });
    vaults = await ociVaults(db, ["a", "b"]);
    const key = (vault: number, name: string, createdAt: string) =>
      db.ociKey.create({ data: ociKeyRow(vaults[vault]?.id as string, name, { createdAt: new Date(createdAt) }) });
    keyId = (await key(0, "k1", "2026-01-01T00:00:00Z")).id;
    await key(0, "k2", "2026-01-02T00:00:00Z");
    await key(1, "k3", "2026-01-03T00:00:00Z");
    // k1 changes last: updatedAt orders it after the others.
    await db.ociKey.update({ where: { id: keyId }, data: { displayName: "k1" } });
    await db.ociKeyVersion.createMany({
      data: ["v1", "v2"].map((v, i) => ({
        keyId,
        versionOcid: `ocid1.keyversion.oc1.iad.${v}`,
        compartmentId: "ocid1.tenancy.oc1..t",
        vaultOcid: "ocid1.vault.oc1.iad.a",
        timeCreated: new Date(Date.UTC(2026, 0, 1 + i)),
        isPrimary: i === 1,
      })),
    });
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it("vault_id by the vault's OCID, cckm_vault_id by its CM id", async () => {
    expect((await names({ vaultOcid: vaults[0]?.vaultOcid })).sort()).toEqual(["k1", "k2"]);
    expect(await names({ vaultId: vaults[1]?.id })).toEqual(["k3"]);
    expect(await names({ vaultOcid: "ocid1.vault.oc1.iad.none" })).toEqual([]);
  });

  it("filters over what is not held here match none when asked for, all when denied", async () => {
    expect(await names({ jobConfigId: "j" })).toEqual([]);
    expect(await names({ hyokRef: "h" })).toEqual([]);
    expect(await names({ blocked: true })).toEqual([]);
    expect(await names({ blocked: false })).toHaveLength(3);
  });

  it("sorts newest first by default, or by the sort asked for", async () => {
    expect(await names({})).toEqual(["k3", "k2", "k1"]);
    expect(await names({}, [{ field: "createdAt", direction: "asc" }])).toEqual(["k1", "k2", "k3"]);
    expect((await names({}, [{ field: "updatedAt", direction: "desc" }]))[0]).toBe("k1");
  });

  it("versions: version_id is the CM id or the OCID; newest first unless sorted", async () => {
    const all = await listOciVersions(db, keyId, {}, { skip: 0, take: 10 });
    expect(all.rows.map((v) => v.versionOcid)).toEqual(["ocid1.keyversion.oc1.iad.v2", "ocid1.keyversion.oc1.iad.v1"]);
    const first = all.rows[1];
    for (const ref of [first?.id as string, first?.versionOcid as string]) {
      expect((await listOciVersions(db, keyId, { versionId: ref }, { skip: 0, take: 10 })).total).toBe(1);
    }
    const sort = [{ field: "timeCreated", direction: "asc" }] as const;
    const asc = await listOciVersions(db, keyId, {}, { skip: 0, take: 10, sort });
    expect(asc.rows[0]?.versionOcid).toBe("ocid1.keyversion.oc1.iad.v1");
    expect((await listOciVersions(db, keyId, { isPrimary: true }, { skip: 0, take: 10 })).total).toBe(1);
  });
});
