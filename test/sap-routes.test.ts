import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAndSync, JOBS, sapKey } from "./support/jobs-fixture.ts";
import { startStack, type TestStack, waitFor } from "./support/stack-processes.ts";

const KEYS = "/cckm/sap/keys";
const SYNC = "/cckm/sap/synchronization-jobs";

// The SAP routes of issue 13 against the real stack (simulator, API and worker processes), with the
// docs' example requests.
describe("SAP routes: synchronous delete, destroy, versions, get-groups/add-groups, sync cancel", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack();
    await connectAndSync(stack);
  });
  afterAll(async () => {
    await stack.stop();
  });

  it("POST keys/{id}/delete (no body) deletes on SAP, keeps the backup and answers the key", async () => {
    const { sap, id } = await sapKey(stack, { name: "sync-delete", type: "AES", versions: 2 });
    const res = await stack.call("POST", `${KEYS}/${id}/delete`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, gone: true, backup: true, sap_param: { sap_key_id: sap.id } });
    await expect(stack.sap.client().getKey(sap.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // It ran as a delete job: the jobs route lists it DONE.
    const jobs = await stack.call("GET", `${JOBS}?cckm_key_id=${id}`);
    expect(jobs.body.resources[0]).toMatchObject({ operation: "delete", state: "DONE", backup_status: "done" });
    expect((await stack.call("POST", `${KEYS}/${id}/delete`)).status).toBe(409);
    // The documented next step: drop the backup.
    expect((await stack.call("POST", `${KEYS}/${id}/delete-backup`)).status).toBe(200);
  });

  it("DELETE keys/{id} of a key already gone from SAP drops it with its backup (204); again is a 404", async () => {
    const { id } = await sapKey(stack, { name: "gone-then-destroyed", type: "AES" });
    expect((await stack.call("POST", `${KEYS}/${id}/delete`)).status).toBe(200);
    expect((await stack.call("DELETE", `${KEYS}/${id}`)).status).toBe(204);
    expect((await stack.call("GET", `${KEYS}/${id}`)).status).toBe(404);
    expect((await stack.call("DELETE", `${KEYS}/${id}`)).status).toBe(404);
  });

  it("POST keys/{id}/delete of a key that cannot be backed up fails with the job's error code; the key stays", async () => {
    const { sap, id } = await sapKey(stack, { name: "sync-delete-locked", type: "AES", exportable: false });
    const res = await stack.call("POST", `${KEYS}/${id}/delete`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error_code: "BACKUP_FAILED", job_id: expect.any(String) });
    expect((await stack.sap.client().getKey(sap.id)).id).toBe(sap.id);
    expect((await stack.call("GET", `${KEYS}/${id}`)).body).toMatchObject({ gone: false });
  });

  it("DELETE keys/{id} destroys the key on SAP and here (204), and a second DELETE is a 404", async () => {
    const { sap, id } = await sapKey(stack, { name: "destroy-me", type: "RSA", versions: 2 });
    const res = await stack.call("DELETE", `${KEYS}/${id}`);
    expect(res.status).toBe(204);
    await expect(stack.sap.client().getKey(sap.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await stack.call("GET", `${KEYS}/${id}`)).status).toBe(404);
    expect((await stack.call("GET", `${KEYS}?sap_key_id=${sap.id}`)).body.total).toBe(0);
    expect((await stack.call("DELETE", `${KEYS}/${id}`)).status).toBe(404);
  });

  it("key versions: list (filters, paging), get by id or number, add a native one; uploads are refused", async () => {
    const { sap, id } = await sapKey(stack, { name: "versioned", type: "AES", versions: 2 });
    const list = await stack.call("GET", `${KEYS}/${id}/versions?skip=0&limit=10`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ skip: 0, limit: 10, total: 2 });
    const v1 = list.body.resources[1];
    expect(v1).toMatchObject({
      uri: `kylo:kylo:cckm:sap-key-version:${v1.id}`,
      account: "kylo:kylo:admin:accounts:kylo",
      cloud_name: "sap",
      sap_key_id: sap.id,
      groupId: sap.groupId,
      origin: "native",
      enabled: true,
      version: 1,
    });
    expect((await stack.call("GET", `${KEYS}/${id}/versions?version=1`)).body.resources).toEqual([v1]);
    expect((await stack.call("GET", `${KEYS}/${id}/versions?version_id=${v1.id}`)).body.total).toBe(1);
    expect((await stack.call("GET", `${KEYS}/${id}/versions?limit=1&skip=1&unknown=x`)).body.resources).toEqual([v1]);
    expect((await stack.call("GET", `${KEYS}/${id}/versions?enabled=maybe`)).status).toBe(400);
    expect((await stack.call("GET", `${KEYS}/${id}/versions/${v1.id}`)).body).toEqual(v1);
    expect((await stack.call("GET", `${KEYS}/${id}/versions/1`)).body).toEqual(v1);
    expect((await stack.call("GET", `${KEYS}/${id}/versions/7`)).status).toBe(404);

    const added = await stack.call("POST", `${KEYS}/${id}/versions`); // the docs' example: no body
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ version: 2, origin: "native", primary: true });
    expect((await stack.sap.client().getKey(sap.id)).meta.totalVersions).toBe(3);
    expect((await stack.call("GET", `${KEYS}/${id}`)).body).toMatchObject({ versions: 3 });
    expect((await stack.call("POST", `${KEYS}/${id}/versions`, { is_native: true })).status).toBe(201);

    const upload = await stack.call("POST", `${KEYS}/${id}/versions`, {
      source_key_identifier: "k1",
      source_key_tier: "local",
    });
    expect(upload.status).toBe(400);
    expect(upload.body.message).toContain("body.source_key_identifier");
    expect((await stack.call("POST", `${KEYS}/${id}/versions`, { is_native: "yes" })).status).toBe(400);

    expect((await stack.call("POST", `${KEYS}/${id}/delete`)).status).toBe(200);
    expect((await stack.call("POST", `${KEYS}/${id}/versions`, { is_native: true })).status).toBe(409);
    expect((await stack.call("GET", `${KEYS}/${id}/versions`)).body).toMatchObject({ total: 0, resources: [] });
  });

  it("get-groups then add-groups: SAP's list passed through, groups added without their keys", async () => {
    const got = await stack.call("POST", "/cckm/sap/get-groups", { connection: "tenant", top: 100, skip: 0 });
    expect(got.status).toBe(200);
    const groups = got.body.value as Array<{ id: string; name: string }>;
    expect(groups.length).toBeGreaterThan(0);
    expect(groups[0]).toMatchObject({ id: expect.any(String), name: expect.any(String) });
    const one = await stack.call("POST", "/cckm/sap/get-groups", { connection: "tenant", top: 1 });
    expect(one.body.value).toHaveLength(1);

    // A group the last sync did not see: only add-groups brings it in, without keys.
    const target = await stack.sap.admin.createGroup("onboarded");
    expect((await stack.call("GET", `/cckm/sap/groups?group_id=${target.id}`)).body.total).toBe(0);
    const added = await stack.call("POST", "/cckm/sap/add-groups", { connection: "tenant", group_id: [target.id] });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({
      uri: `kylo:kylo:cckm:sap-group:${added.body.id}`,
      account: "kylo:kylo:admin:accounts:kylo",
      groups: [{ group_id: target.id, name: target.name, connection: "tenant" }],
    });
    const listed = await stack.call("GET", `/cckm/sap/groups?group_id=${target.id}`);
    expect(listed.body.total).toBe(1);

    expect(
      (await stack.call("POST", "/cckm/sap/add-groups", { connection: "tenant", group_id: ["no-such-group"] })).status,
    ).toBe(404);
    expect((await stack.call("POST", "/cckm/sap/add-groups", { connection: "tenant" })).status).toBe(400);
    expect((await stack.call("POST", "/cckm/sap/get-groups", { connection: "tenant", top: "x" })).status).toBe(400);
    expect((await stack.call("POST", "/cckm/sap/get-groups", { connection: "nope" })).status).toBe(404);
  });

  it("cancel: abort true while in_progress, the worker ends it completed; cancelling an ended sync is a 409", async () => {
    // No worker while the sync is started and cancelled, so it cannot end first.
    await Promise.all(stack.workers.splice(0).map((w) => w.stop()));
    const sync = await stack.call("POST", SYNC, { connection: "tenant", synchronize_all: true });
    expect(sync.status).toBe(201);
    const cancelled = await stack.call("POST", `${SYNC}/${sync.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id: sync.body.id, abort: true, overall_status: "in_progress" });
    await stack.startWorker();
    const ended = await waitFor(
      () => stack.call("GET", `${SYNC}/${sync.body.id}`),
      (r) => r.body.overall_status !== "in_progress",
    );
    expect(ended.body.overall_status).toBe("completed");
    expect((await stack.call("POST", `${SYNC}/${sync.body.id}/cancel`)).status).toBe(409);
  });
});
