import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api-harness.ts";
import { attachBackup, seedInventory } from "../../test-support/inventory-fixtures.ts";

const KEYS = "/api/v1/cckm/sap/keys";
type Listed = { total: number; resources: Array<Record<string, unknown>> };

describe("/cckm/sap/keys, /cckm/sap/groups and delete-backup", () => {
  let api: TestApi;
  let admin: string;
  let inventory: Awaited<ReturnType<typeof seedInventory>>;
  beforeAll(async () => {
    api = await startTestApi();
    await api.createUser("admin", "admin-password", ["admin"]);
    admin = (await api.login("admin", "admin-password")).jwt;
    inventory = await seedInventory(api.db, api.keyring, "tenant-keys");
    await inventory.key({ name: "alpha", type: "AES" });
    await inventory.key({ name: "beta", type: "RSA", exportable: false });
    await inventory.key({ name: "gamma", type: "EC", gone: true });
  });
  afterAll(async () => {
    await api.close();
  });

  const list = async (query: string) =>
    (await (await api.request("GET", `${KEYS}?${query}`, { token: admin })).json()) as Listed;

  it("lists keys with sap_param and the CCKM filters", async () => {
    const all = await list("sort=name");
    expect(all.total).toBe(3);
    expect(all.resources.map((k) => k.name)).toEqual(["alpha", "beta", "gamma"]);
    expect(all.resources[0]).toMatchObject({
      uri: `kylo:kylo:cckm:sap-key:alpha-${all.resources[0]?.id}`,
      account: "kylo:kylo:admin:accounts:kylo",
      cloud_name: "sap",
      tenant: "tenant-keys",
      gone: false,
      backup: false,
      versions: 1,
      sap_group_name: "tenant-keys-group",
      sap_param: {
        sap_key_id: expect.any(String),
        groupId: inventory.group.sapGroupId,
        type: "AES",
        enabled: true,
        exportable: true,
        description: "",
        keystoreContext: {},
      },
    });
    expect((await list("gone=true")).resources.map((k) => k.name)).toEqual(["gamma"]);
    expect((await list("type=RSA")).resources.map((k) => k.name)).toEqual(["beta"]);
    expect((await list("exportable=false")).resources.map((k) => k.name)).toEqual(["beta"]);
    expect((await list("sap_group_name=tenant-keys-group&limit=1")).total).toBe(3);
    expect((await list("name=alpha")).total).toBe(1);
    for (const bad of ["gone=yes", "type=DES", "limit=5000", "sort=secret"]) {
      expect((await api.request("GET", `${KEYS}?${bad}`, { token: admin })).status, bad).toBe(400);
    }
  });

  it("gets one key, 404 for an unknown id and 400 for a malformed one", async () => {
    const [first] = (await list("name=alpha")).resources;
    expect((await api.request("GET", `${KEYS}/${first?.id}`, { token: admin })).status).toBe(200);
    expect((await api.request("GET", `${KEYS}/00000000-0000-4000-8000-000000000000`, { token: admin })).status).toBe(
      404,
    );
    expect((await api.request("GET", `${KEYS}/alpha`, { token: admin })).status).toBe(400);
  });

  it("lists and gets groups with their filters", async () => {
    const groups = (await (
      await api.request("GET", "/api/v1/cckm/sap/groups?connection=tenant-keys", { token: admin })
    ).json()) as Listed;
    expect(groups.total).toBe(1);
    expect(groups.resources[0]).toMatchObject({
      uri: `kylo:kylo:cckm:sap-group:${inventory.group.id}`,
      name: "tenant-keys-group",
      group_id: inventory.group.sapGroupId,
      cloud_name: "sap",
      tenant: "tenant-keys",
      sap_application: null,
      keystore_id: null,
      connection: "tenant-keys",
    });
    const byId = await api.request("GET", `/api/v1/cckm/sap/groups?group_id=${inventory.group.sapGroupId}`, {
      token: admin,
    });
    expect(((await byId.json()) as Listed).total).toBe(1);
    expect((await api.request("GET", `/api/v1/cckm/sap/groups/${inventory.group.id}`, { token: admin })).status).toBe(
      200,
    );
  });

  it("drops a backup only for a gone key with no active job", async () => {
    const live = await inventory.key({ name: "delta" });
    const refusedLive = await api.request("POST", `${KEYS}/${live.id}/delete-backup`, { token: admin });
    expect(refusedLive.status).toBe(409);

    const goneNoBackup = await inventory.key({ name: "epsilon", gone: true });
    expect((await api.request("POST", `${KEYS}/${goneNoBackup.id}/delete-backup`, { token: admin })).status).toBe(409);

    const backedUp = await inventory.key({ name: "zeta" });
    await attachBackup(api.db, backedUp, inventory.group.sapGroupId);
    const active = await api.db.sapKeyJob.create({
      data: {
        cckmKeyId: backedUp.id,
        groupId: inventory.group.sapGroupId,
        queueJobId: "q",
        sapKeyId: backedUp.sapKeyId,
        operation: "restore",
        creatorId: "c",
        creatorName: "c",
      },
    });
    const refusedActive = await api.request("POST", `${KEYS}/${backedUp.id}/delete-backup`, { token: admin });
    expect(refusedActive.status).toBe(409);
    expect(((await refusedActive.json()) as { message: string }).message).toContain("job");

    await api.db.sapKeyJob.update({ where: { id: active.id }, data: { state: "FAILED" } });
    const dropped = await api.request("POST", `${KEYS}/${backedUp.id}/delete-backup`, { token: admin });
    expect(dropped.status).toBe(200);
    expect(await dropped.json()).toMatchObject({ id: backedUp.id, gone: true, backup: false });
    expect(await api.db.keyBackup.count({ where: { keyId: backedUp.id } })).toBe(0);
    expect(await api.db.keyBackupVersion.count()).toBe(0);

    const audit = await api.db.auditRecord.findMany({
      where: { action: "key.backup.delete", resourceId: backedUp.id },
    });
    expect(audit.map((a) => a.status).sort()).toEqual([200, 409]);
  });
});
