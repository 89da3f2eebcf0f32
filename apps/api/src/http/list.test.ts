import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test-support/api-harness.ts";
import { attachBackup, seedInventory } from "../test-support/inventory-fixtures.ts";
import { sortParam } from "./list.ts";

describe("sortParam", () => {
  it("takes a comma list with - for descending, and refuses unknown or repeated fields", () => {
    const sort = sortParam(["name", "createdAt"] as const);
    expect(sort.parse("name,-createdAt")).toEqual([
      { field: "name", direction: "asc" },
      { field: "createdAt", direction: "desc" },
    ]);
    expect(sort.safeParse("name,password").success).toBe(false);
    expect(sort.safeParse("name,-name").success).toBe(false);
    expect(sort.safeParse("").success).toBe(false);
  });
});

describe("lists: limit=-1, sort lists, documented filters, names and URIs as path ids", () => {
  let api: TestApi;
  let admin: string;
  let inv: Awaited<ReturnType<typeof seedInventory>>;
  const get = async (path: string) => {
    const res = await api.request("GET", `/api/v1${path}`, { token: admin });
    return { status: res.status, body: (await res.json()) as any };
  };
  const names = async (path: string) => (await get(path)).body.resources.map((r: { name: string }) => r.name);

  beforeAll(async () => {
    api = await startTestApi();
    await api.createUser("admin", "admin-password", ["admin"]);
    admin = (await api.login("admin", "admin-password")).jwt;
    inv = await seedInventory(api.db, api.keyring, "lists-a");
    await api.db.sapConnection.update({
      where: { id: inv.connection.id },
      data: { tenant: "t-east", meta: { env: "prod" } },
    });
    await api.db.sapGroup.update({
      where: { id: inv.group.id },
      data: {
        sapMeta: { application: "S4H", keystore: { provider: "AWS", name: "ks1" }, meta: { creatorName: "ann" } },
      },
    });
    const k1 = await inv.key({ name: "k1" });
    await inv.key({ name: "k2", type: "EC" });
    await api.db.sapKey.update({
      where: { id: k1.id },
      data: { totalVersions: 3, sapMeta: { creatorId: "u-9", creatorName: "ann" } },
    });
    const gone = await inv.key({ name: "k3" });
    await attachBackup(api.db, gone, inv.group.sapGroupId);
    await seedInventory(api.db, api.keyring, "lists-b");
  });
  afterAll(async () => {
    await api.close();
  });

  it("streams every row for limit=-1 across internal pages, in order, once each", async () => {
    await api.db.user.createMany({
      data: Array.from({ length: 2050 }, (_, i) => ({
        username: `bulk-${String(i).padStart(4, "0")}`,
        passwordHash: "x",
      })),
    });
    const all = await get("/usermgmt/users?limit=-1&sort=username");
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ skip: 0, limit: -1, total: 2051 });
    const got = all.body.resources.map((r: { username: string }) => r.username);
    expect(got).toHaveLength(2051);
    expect(got).toEqual([...got].sort());
    const skipped = await get("/usermgmt/users?limit=-1&skip=2000&sort=-username");
    expect(skipped.body.resources).toHaveLength(51);
  });

  it("filters keys by every documented parameter, ignores unknown ones, sorts by a list", async () => {
    expect(await names("/cckm/sap/keys?sort=type,-name&connection_ignored=1")).toEqual(["k3", "k1", "k2"]);
    const k1 = await api.db.sapKey.findFirstOrThrow({ where: { name: "k1" } });
    for (const [q, expected] of [
      [`id=${k1.id}`, ["k1"]],
      ["cloud_name=sap&origin=native&type=aes&sort=name", ["k1", "k3"]],
      ["cloud_name=aws", []],
      ["origin=uploaded", []],
      ["totalVersions=3", ["k1"]],
      ["size=256&gone=false", ["k1"]],
      ["creator_id=u-9", ["k1"]],
      ["creator_name=ann", ["k1"]],
      ["sap_application=S4H&sort=name", ["k1", "k2", "k3"]],
      ["tenant=t-east&gone=true", ["k3"]],
      ["tenant=t-west", []],
      ["sap_group_name=lists-a-group&exportable=true&enabled=true&sort=name", ["k1", "k2", "k3"]],
    ] as const) {
      expect(await names(`/cckm/sap/keys?${q}`), q).toEqual(expected);
    }
    for (const bad of ["id=nope", "size=big", "type=DES", "gone=maybe", "sort=secret"]) {
      const res = await get(`/cckm/sap/keys?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.message).toContain(`query.${bad.split("=")[0]}`);
    }
  });

  it("filters groups, sync jobs and connections as documented", async () => {
    expect(await names("/cckm/sap/groups?connection=lists-a&application=S4H&provider=AWS&key_store_name=ks1")).toEqual([
      "lists-a-group",
    ]);
    expect(await names("/cckm/sap/groups?creator_name=ann&tenant=t-east&cloud_name=SAP")).toEqual(["lists-a-group"]);
    expect(await names("/cckm/sap/groups?tier=premium")).toEqual([]);
    expect(await names("/connectionmgmt/services/sap-dc/connections?products=cckm&sort=name")).toEqual([
      "lists-a",
      "lists-b",
    ]);
    expect(await names("/connectionmgmt/services/sap-dc/connections?products=ddc")).toEqual([]);
    expect(await names("/connectionmgmt/services/sap-dc/connections?meta_contains=prod")).toEqual(["lists-a"]);
    expect(
      await names(
        "/connectionmgmt/services/sap-dc/connections?last_connection_ok=null&createdAfter=2000-01-01T00:00:00Z&sort=-name",
      ),
    ).toEqual(["lists-b", "lists-a"]);
    expect(await names("/connectionmgmt/services/sap-dc/connections?createdBefore=2000-01-01T00:00:00Z")).toEqual([]);
    const job = await api.db.syncJob.create({
      data: {
        connectionId: inv.connection.id,
        groups: ["lists-a-group"],
        creatorId: "x",
        creatorName: "admin",
        overallStatus: "completed",
      },
    });
    for (const q of [
      `groups=${inv.group.id}`,
      `groups=${inv.group.sapGroupId}`,
      "groups=lists-a-group",
      `id=${job.id}`,
    ]) {
      const res = await get(`/cckm/sap/synchronization-jobs?${q}&overall_status=completed`);
      expect(
        res.body.resources.map((r: { id: string }) => r.id),
        q,
      ).toEqual([job.id]);
    }
    expect((await get("/cckm/sap/synchronization-jobs?groups=other")).body.total).toBe(0);
  });

  it("resolves connections and groups by name, id or URI", async () => {
    const conn = await get(`/connectionmgmt/services/sap-dc/connections/${inv.connection.id}`);
    const group = await get(`/cckm/sap/groups/${inv.group.id}`);
    for (const ref of ["lists-a", inv.connection.id, encodeURIComponent(conn.body.uri)]) {
      expect((await get(`/connectionmgmt/services/sap-dc/connections/${ref}`)).body.id, ref).toBe(inv.connection.id);
    }
    for (const ref of [
      "lists-a-group",
      encodeURIComponent(group.body.uri),
      encodeURIComponent(`kylo:kylo:cckm:sap_group:${inv.group.id}`),
    ]) {
      expect((await get(`/cckm/sap/groups/${ref}`)).body.id, ref).toBe(inv.group.id);
    }
    expect((await get("/cckm/sap/groups/no-such-group")).status).toBe(404);
    expect((await get("/connectionmgmt/services/sap-dc/connections/no-such")).status).toBe(404);
  });

  it("accepts an empty body with Content-Type: application/json on GET and DELETE", async () => {
    const headers = { "content-type": "application/json" };
    expect((await api.request("GET", "/api/v1/cckm/sap/keys", { token: admin, headers })).status).toBe(200);
    const user = await api.createUser("to-delete", "long-enough", []);
    expect((await api.request("DELETE", `/api/v1/usermgmt/users/${user.id}`, { token: admin, headers })).status).toBe(
      204,
    );
  });
});
