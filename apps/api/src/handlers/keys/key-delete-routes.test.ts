import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api-harness.ts";
import { attachBackup, seedInventory } from "../../test-support/inventory-fixtures.ts";

const KEYS = "/api/v1/cckm/sap/keys";

// No worker runs here: a job stays PENDING, so the synchronous routes' wait runs out (keyJobWaitMs).
// The whole path with a worker is test/sap-routes.test.ts.
describe("POST /cckm/sap/keys/{id}/delete and DELETE /cckm/sap/keys/{id} without a worker", () => {
  let api: TestApi;
  let admin: string;
  let inventory: Awaited<ReturnType<typeof seedInventory>>;
  beforeAll(async () => {
    api = await startTestApi({ keyJobWaitMs: 200 });
    await api.createUser("admin", "admin-password", ["admin"]);
    admin = (await api.login("admin", "admin-password")).jwt;
    inventory = await seedInventory(api.db, api.keyring, "tenant-delete");
  });
  afterAll(async () => {
    await api.close();
  });

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await api.request(method, path, { token: admin, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };

  it("answers 202 with the delete job when the wait runs out; the job stays and blocks a second one (409)", async () => {
    const key = await inventory.key({ name: "slow-delete" });
    const first = await call("POST", `${KEYS}/${key.id}/delete`);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({
      uri: `kylo:kylo:cckm:sap_job:${first.body.id}`,
      cckm_key_id: key.id,
      operation: "delete",
      state: "PENDING",
      delete_if_backup_fails: false,
    });
    const polled = await call("GET", `${KEYS}/jobs/${first.body.id}`);
    expect(polled).toMatchObject({ status: 200, body: { id: first.body.id, state: "PENDING" } });

    expect((await call("POST", `${KEYS}/${key.id}/delete`)).status).toBe(409);
    expect((await call("DELETE", `${KEYS}/${key.id}`)).status).toBe(409);
    expect((await call("POST", `${KEYS}/${key.id}/versions`, { is_native: true })).status).toBe(409);
    // Nothing was dropped: the key is listed, not gone.
    expect((await call("GET", `${KEYS}/${key.id}`)).body).toMatchObject({ id: key.id, gone: false });
  });

  // Dropping a gone key first asks SAP whether a restore left a key of its name there (the whole path,
  // 204, is in test/sap-routes.test.ts and test/jobs-stuck-keys.test.ts): no answer, nothing dropped.
  it("DELETE of a key already gone from SAP asks SAP first: unreachable, it answers 502 and drops nothing", async () => {
    const key = await inventory.key({ name: "gone-destroy", gone: true });
    await attachBackup(api.db, key, inventory.group.sapGroupId);
    const res = await api.request("DELETE", `${KEYS}/${key.id}`, { token: admin });
    expect(res.status).toBe(502);
    expect((await call("GET", `${KEYS}/${key.id}`)).body).toMatchObject({ id: key.id, gone: true, backup: true });
    expect(await api.db.keyBackup.count({ where: { keyId: key.id } })).toBe(1);
  });

  it("refuses bad ids (400) and unknown keys (404) on every new key route", async () => {
    for (const [method, path] of [
      ["POST", "delete"],
      ["DELETE", ""],
      ["GET", "versions"],
      ["POST", "versions"],
      ["GET", "versions/0"],
    ] as const) {
      const suffix = path ? `/${path}` : "";
      expect((await call(method, `${KEYS}/not-a-uuid${suffix}`)).status, `${method} ${path}`).toBe(400);
      const unknown = await call(method, `${KEYS}/${randomUUID()}${suffix}`);
      expect(unknown.status, `${method} ${path}`).toBe(404);
      expect(unknown.body).toMatchObject({ code: 16, codeDesc: expect.stringContaining("NCERRResourceNotFound") });
    }
  });

  it("a cancel of an unknown sync job is a 404, of a bad id a 400", async () => {
    expect((await call("POST", `/api/v1/cckm/sap/synchronization-jobs/${randomUUID()}/cancel`)).status).toBe(404);
    expect((await call("POST", "/api/v1/cckm/sap/synchronization-jobs/x/cancel")).status).toBe(400);
  });
});
