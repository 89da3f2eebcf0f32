import { IMPORT_KEY_NAME } from "@cckm/sap-kms-client";
import { liveProcesses } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type TestStack, waitFor } from "./support/stack-processes.ts";

const CONNECTIONS = "/connectionmgmt/services/sap-dc/connections";
const SYNC = "/cckm/sap/synchronization-jobs";

describe("the SAP key inventory over real processes", () => {
  let stack: TestStack;
  let connectionId: string;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.stop();
    expect(liveProcesses()).toBe(0);
  });

  const sync = async (body: unknown) => {
    const created = await stack.call("POST", SYNC, body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.overall_status).toBe("in_progress");
    return (
      await waitFor(
        () => stack.call("GET", `${SYNC}/${created.body.id}`),
        (r) => r.body.overall_status !== "in_progress",
      )
    ).body;
  };

  async function sapInventory() {
    const client = stack.sap.client();
    const groups = await client.listAllGroups();
    const keys = (await client.listAllKeys()).filter((k) => k.name !== IMPORT_KEY_NAME);
    return { groups, keys };
  }

  it("creates a connection and tests it; a wrong secret fails the test", async () => {
    const created = await stack.call("POST", CONNECTIONS, {
      name: "demo",
      api_endpoint: stack.sap.url,
      technical_user: stack.sapCredentials,
    });
    expect(created.status).toBe(201);
    connectionId = created.body.id;
    const test = await stack.call("POST", `${CONNECTIONS}/${connectionId}/test`);
    expect(test).toEqual({ status: 200, body: { connection_ok: true, message: expect.any(String) } });
    expect((await stack.call("GET", `${CONNECTIONS}/${connectionId}`)).body.last_connection_ok).toBe(true);

    const wrong = await stack.call("POST", CONNECTIONS, {
      name: "wrong-secret",
      api_endpoint: stack.sap.url,
      technical_user: { api_key: stack.sapCredentials.api_key, secret: "not-it" },
    });
    const failed = await stack.call("POST", `${CONNECTIONS}/${wrong.body.id}/test`);
    expect(failed.body).toMatchObject({ connection_ok: false, message: expect.stringMatching(/^UNAUTHORIZED/) });
    expect((await stack.call("DELETE", `${CONNECTIONS}/${wrong.body.id}`)).status).toBe(204);
  });

  it("synchronizes every group and key, twice, without duplicates", async () => {
    const first = await sync({ connection: "demo", synchronize_all: true });
    expect(first.overall_status).toBe("completed");
    const sap = await sapInventory();
    const keys = await stack.call("GET", "/cckm/sap/keys?limit=1000");
    expect(keys.body.total).toBe(sap.keys.length);
    expect(new Set(keys.body.resources.map((k: any) => k.sap_param.sap_key_id))).toEqual(
      new Set(sap.keys.map((k) => k.id)),
    );
    const groups = await stack.call("GET", "/cckm/sap/groups?limit=1000");
    expect(groups.body.total).toBe(sap.groups.length);
    expect(first.details.groups.every((g: any) => g.status === "completed")).toBe(true);

    const second = await sync({ synchronize_all: true });
    expect(second.overall_status).toBe("completed");
    expect(second.details.groups.reduce((n: number, g: any) => n + g.keys_added, 0)).toBe(0);
    expect((await stack.call("GET", "/cckm/sap/keys?limit=1")).body.total).toBe(sap.keys.length);
    expect((await stack.call("GET", "/cckm/sap/groups?limit=1")).body.total).toBe(sap.groups.length);
  });

  it("filters keys as CCKM does", async () => {
    const sap = await sapInventory();
    const rsa = await stack.call("GET", "/cckm/sap/keys?type=RSA&limit=1000");
    expect(rsa.body.total).toBe(sap.keys.filter((k) => k.type === "RSA").length);
    const notExportable = await stack.call("GET", "/cckm/sap/keys?exportable=false&limit=1000");
    expect(notExportable.body.total).toBe(sap.keys.filter((k) => !k.exportable).length);
    expect(notExportable.body.total).toBeGreaterThan(0);
    const [group] = sap.groups;
    const inGroup = await stack.call(
      "GET",
      `/cckm/sap/keys?sap_group_name=${encodeURIComponent(group?.name ?? "")}&limit=1000`,
    );
    expect(inGroup.body.total).toBe(sap.keys.filter((k) => k.groupId === group?.id).length);
  });

  it("creates a key in SAP through the API and records it", async () => {
    const group = (await stack.call("GET", "/cckm/sap/groups?limit=1")).body.resources[0];
    const created = await stack.call("POST", "/cckm/sap/keys", {
      group: group.id,
      name: "created-by-test",
      type: "AES",
      size: 256,
      exportable: true,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      name: "created-by-test",
      gone: false,
      sap_param: { type: "AES", groupId: group.group_id },
    });
    const inSap = await stack.sap.client().getKey(created.body.sap_param.sap_key_id);
    expect(inSap.name).toBe("created-by-test");
    const duplicate = await stack.call("POST", "/cckm/sap/keys", {
      group: group.id,
      name: "created-by-test",
      type: "AES",
      size: 256,
    });
    expect(duplicate.status).toBe(409);
    for (const bad of [
      { group: group.id, name: "x", type: "AES" },
      { group: group.id, name: "x", type: "EC", size: 256 },
      { group: group.id, name: "x", type: "RSA", size: 1024 },
      { group: "", name: "x", type: "AES", size: 256 },
    ]) {
      expect((await stack.call("POST", "/cckm/sap/keys", bad)).status, JSON.stringify(bad)).toBe(400);
    }
    // A group is named by id, SAP id or name: one that names nothing is a 404.
    for (const unknown of ["00000000-0000-4000-8000-000000000000", "not-a-group"]) {
      const res = await stack.call("POST", "/cckm/sap/keys", { group: unknown, name: "x", type: "AES", size: 256 });
      expect(res.status, unknown).toBe(404);
    }
  });

  it("marks a key that vanished from SAP without a job of ours as gone, and reports it", async () => {
    const victim = (await stack.call("GET", "/cckm/sap/keys?name=created-by-test")).body.resources[0];
    await stack.sap.client().deleteKey(victim.sap_param.sap_key_id);
    const result = await sync({ connection: connectionId, synchronize_all: true });
    expect(result.overall_status).toBe("completed");
    expect(result.details.groups.flatMap((g: any) => g.keys_gone)).toEqual([victim.id]);
    const after = (await stack.call("GET", `/cckm/sap/keys/${victim.id}`)).body;
    expect(after).toMatchObject({ gone: true, backup: false });
  });

  it("ends a sync failed, with a reason, while SAP is down, and a later sync succeeds", async () => {
    await stack.sap.admin.setFaults([{ route: "groups.list", status: 503 }]);
    const failed = await sync({ connection: "demo", synchronize_all: true });
    expect(failed.overall_status).toBe("failed");
    expect(failed.error).toMatch(/SAP_SERVER_ERROR/);
    await stack.sap.admin.clearFaults();
    const ok = await sync({ connection: "demo", synchronize_all: true });
    expect(ok.overall_status).toBe("completed");
  });

  it("reports unknown groups, refuses bad bodies, and refuses a second running sync", async () => {
    const unknown = await sync({ connection: "demo", groups: ["no-such-group"] });
    expect(unknown.overall_status).toBe("failed");
    expect(unknown.details.groups).toEqual([expect.objectContaining({ name: "no-such-group", status: "failed" })]);
    for (const bad of [
      { connection: "demo", groups: ["a"], synchronize_all: true },
      { connection: "demo", synchronize_all: false },
      { connection: "demo", synchronize_all: "true" },
      { connection: "demo", groups: [] },
    ]) {
      expect((await stack.call("POST", SYNC, bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await stack.call("POST", SYNC, { connection: "nope", synchronize_all: true })).status).toBe(404);

    const client = await import("pg");
    const pg = new client.default.Client({ connectionString: stack.db.url });
    await pg.connect();
    await pg.query(
      `INSERT INTO sync_jobs (id, connection_id, creator_id, creator_name, updated_at) VALUES (gen_random_uuid(), $1, 't', 't', now())`,
      [connectionId],
    );
    const refused = await stack.call("POST", SYNC, { connection: "demo", synchronize_all: true });
    expect(refused.status).toBe(409);
    await pg.query(`UPDATE sync_jobs SET overall_status = 'failed' WHERE creator_id = 't'`);
    await pg.end();

    const list = await stack.call("GET", `${SYNC}?overall_status=failed&limit=100`);
    expect(list.body.total).toBeGreaterThanOrEqual(3);
    expect((await stack.call("DELETE", `${CONNECTIONS}/${connectionId}`)).status).toBe(409);
  });
});
