import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { connectAndSync, fingerprints, finished, sapKey, submit, syncAll } from "./support/jobs-fixture.ts";
import { startStack, type TestStack, waitFor } from "./support/stack-processes.ts";

// Few, quick attempts: the tests wait for the last one.
const env = { JOB_ATTEMPTS: "3", JOB_BACKOFF_MS: "50" };

/**
 * The stuck-key defects of issue 12: each leaves a key that no route could restore. A key must stay
 * restorable through the API, whatever failed on the way.
 */
describe("a deleted key stays restorable whatever failed", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env });
    await connectAndSync(stack);
  });
  afterAll(async () => {
    await stack.stop();
  });
  afterEach(async () => {
    await stack.sap.admin.clearFaults();
  });

  const keyResource = async (id: string) => (await stack.call("GET", `/cckm/sap/keys/${id}`)).body;
  const sapKeysNamed = (groupId: string, name: string) => stack.sap.client().listAllKeys({ groupId, name });

  it("a delete whose SAP answer is lost on every attempt ends DONE: the key is gone, its backup restores", async () => {
    const { sap, id } = await sapKey(stack, { name: "lost-delete-answer", type: "RSA", versions: 2 });
    const before = await fingerprints(stack, sap.id, 2);
    // SAP deletes the key, then answers 503, every time (a retry's 404 is answered 503 too).
    await stack.sap.admin.addFault({ route: "keys.delete", keyId: sap.id, status: 503, after: true });
    const job = await submit(stack, { id, operation: "delete" });
    expect(await finished(stack, job.body.id)).toMatchObject({ state: "DONE", backup_status: "done" });
    expect(await keyResource(id)).toMatchObject({ gone: true, backup: true });

    await stack.sap.admin.clearFaults();
    const restore = await submit(stack, { id, operation: "restore" });
    expect(restore.status).toBe(201);
    expect(await finished(stack, restore.body.id)).toMatchObject({ state: "DONE" });
    const back = await keyResource(id);
    expect(await fingerprints(stack, back.sap_param.sap_key_id, 2)).toEqual(before);
  });

  it("a delete that ends FAILED after SAP deleted the key keeps its backup reachable: sync marks it gone, restore brings it back", async () => {
    const { sap, id } = await sapKey(stack, { name: "failed-after-delete", type: "AES" });
    const before = await fingerprints(stack, sap.id, 1);
    // The delete happens, its answer is lost, and SAP cannot be asked about the key afterwards either.
    await stack.sap.admin.addFault({ route: "keys.delete", keyId: sap.id, status: 503, after: true });
    await stack.sap.admin.addFault({ route: "keys.get", keyId: sap.id, status: 503 });
    const job = await submit(stack, { id, operation: "delete" });
    expect(await finished(stack, job.body.id)).toMatchObject({ state: "FAILED", backup_status: "done" });
    expect(await keyResource(id)).toMatchObject({ gone: false, backup: true });

    await stack.sap.admin.clearFaults();
    await syncAll(stack);
    expect(await keyResource(id)).toMatchObject({ gone: true, backup: true });
    const restore = await submit(stack, { id, operation: "restore" });
    expect(restore.status).toBe(201);
    expect(await finished(stack, restore.body.id)).toMatchObject({ state: "DONE" });
    const back = await keyResource(id);
    expect(await fingerprints(stack, back.sap_param.sap_key_id, 1)).toEqual(before);
  });

  it("a second delete of a key whose first delete FAILED after SAP deleted it ends DONE on the backup it holds", async () => {
    const { sap, id } = await sapKey(stack, { name: "delete-again", type: "EC" });
    await stack.sap.admin.addFault({ route: "keys.delete", keyId: sap.id, status: 503, after: true });
    await stack.sap.admin.addFault({ route: "keys.get", keyId: sap.id, status: 503 });
    const first = await submit(stack, { id, operation: "delete" });
    expect(await finished(stack, first.body.id)).toMatchObject({ state: "FAILED" });

    await stack.sap.admin.clearFaults();
    const second = await submit(stack, { id, operation: "delete" });
    expect(await finished(stack, second.body.id)).toMatchObject({ state: "DONE" });
    expect(await keyResource(id)).toMatchObject({ gone: true, backup: true });
    const restore = await submit(stack, { id, operation: "restore" });
    expect(await finished(stack, restore.body.id)).toMatchObject({ state: "DONE" });
  });

  it("a delete retried after SAP gained a version backs up again: no version is deleted without its backup", async () => {
    const { sap, id } = await sapKey(stack, { name: "grew-meanwhile", type: "AES" });
    // The first attempt backs up one version; its DELETE is slow and then fails, and meanwhile a
    // version is added on SAP directly (as the console or a rotation would).
    await stack.sap.admin.addFault({ route: "keys.delete", keyId: sap.id, latencyMs: 1500, status: 503, times: 1 });
    const job = await submit(stack, { id, operation: "delete" });
    await waitFor(
      () => stack.sap.admin.count("keys.delete", sap.id),
      (n) => n >= 1,
    );
    await stack.sap.client().createVersion(sap.id);
    const before = await fingerprints(stack, sap.id, 2);
    expect(await finished(stack, job.body.id)).toMatchObject({ state: "DONE", backup_status: "done" });

    const restore = await submit(stack, { id, operation: "restore" });
    expect(await finished(stack, restore.body.id)).toMatchObject({ state: "DONE" });
    const back = await keyResource(id);
    expect(back.versions).toBe(2);
    expect(await fingerprints(stack, back.sap_param.sap_key_id, 2)).toEqual(before);
  });

  it("a restore that fails after creating the key on SAP is adopted by the next restore: one key, all versions", async () => {
    const { sap, id } = await sapKey(stack, { name: "half-restored", type: "RSA", versions: 3 });
    const before = await fingerprints(stack, sap.id, 3);
    const deleted = await submit(stack, { id, operation: "delete" });
    expect(await finished(stack, deleted.body.id)).toMatchObject({ state: "DONE" });

    // Version 0 is imported, then every later import fails: a partial key stays on SAP.
    await stack.sap.admin.addFault({ route: "crypto.unwrap", status: 503, after: true, times: 1 });
    await stack.sap.admin.addFault({ route: "crypto.unwrap", status: 503 });
    const failing = await submit(stack, { id, operation: "restore" });
    expect(await finished(stack, failing.body.id)).toMatchObject({ state: "FAILED" });
    const partial = await sapKeysNamed(sap.groupId, "half-restored");
    expect(partial.map((k) => k.meta.totalVersions)).toEqual([1]);
    expect(await keyResource(id)).toMatchObject({ gone: true, backup: true });

    // A sync meanwhile leaves the half-done key to the key it belongs to: no second inventory key.
    await stack.sap.admin.clearFaults();
    await syncAll(stack);
    const named = await stack.call("GET", "/cckm/sap/keys?name=half-restored&limit=100");
    expect(named.body.total).toBe(1);

    const again = await submit(stack, { id, operation: "restore" });
    expect(again.status).toBe(201);
    expect(await finished(stack, again.body.id)).toMatchObject({ state: "DONE" });
    const restored = await sapKeysNamed(sap.groupId, "half-restored");
    expect(restored).toHaveLength(1);
    const back = await keyResource(id);
    expect(back).toMatchObject({ gone: false, versions: 3 });
    expect(back.sap_param.sap_key_id).toBe(restored[0]?.id);
    expect(await fingerprints(stack, back.sap_param.sap_key_id, 3)).toEqual(before);
  });

  it("DELETE of a gone key whose restore left a key on SAP is refused (409) until that key is adopted, then destroys both", async () => {
    const { sap, id } = await sapKey(stack, { name: "destroy-half", type: "AES", versions: 2 });
    expect((await finished(stack, (await submit(stack, { id, operation: "delete" })).body.id)).state).toBe("DONE");
    await stack.sap.admin.addFault({ route: "crypto.unwrap", status: 503, after: true, times: 1 });
    await stack.sap.admin.addFault({ route: "crypto.unwrap", status: 503 });
    expect((await finished(stack, (await submit(stack, { id, operation: "restore" })).body.id)).state).toBe("FAILED");
    await stack.sap.admin.clearFaults();
    expect(await sapKeysNamed(sap.groupId, "destroy-half")).toHaveLength(1);

    const refused = await stack.call("DELETE", `/cckm/sap/keys/${id}`);
    expect(refused.status).toBe(409);
    expect(await keyResource(id)).toMatchObject({ gone: true, backup: true });
    expect((await finished(stack, (await submit(stack, { id, operation: "restore" })).body.id)).state).toBe("DONE");
    expect((await stack.call("DELETE", `/cckm/sap/keys/${id}`)).status).toBe(204);
    expect(await sapKeysNamed(sap.groupId, "destroy-half")).toEqual([]);
  });

  it("a key of the same name that is not this key's backup is never adopted: RESTORE_CONFLICT, the backup kept", async () => {
    const { sap, id } = await sapKey(stack, { name: "name-taken", type: "AES" });
    const deleted = await submit(stack, { id, operation: "delete" });
    expect(await finished(stack, deleted.body.id)).toMatchObject({ state: "DONE" });
    const other = await stack.sap
      .client()
      .createKey({ name: "name-taken", groupId: sap.groupId, type: "AES", size: 256 });

    const restore = await submit(stack, { id, operation: "restore" });
    expect(await finished(stack, restore.body.id)).toMatchObject({ state: "FAILED", error_code: "RESTORE_CONFLICT" });
    expect(await keyResource(id)).toMatchObject({ gone: true, backup: true });
    expect((await sapKeysNamed(sap.groupId, "name-taken")).map((k) => k.id)).toEqual([other.id]);
  });

  it("30 delete/restore cycles leave the key's name and description as they were, on SAP and in the API", async () => {
    const client = stack.sap.client();
    const [group] = await client.listAllGroups();
    const description = "finance: payroll master key";
    const created = await client.createKey({
      name: "cycled",
      groupId: group?.id as string,
      type: "AES",
      size: 256,
      exportable: true,
      description,
    });
    await syncAll(stack);
    const id = (await stack.call("GET", `/cckm/sap/keys?sap_key_id=${created.id}`)).body.resources[0]?.id as string;
    const before = await fingerprints(stack, created.id, 1);
    for (let cycle = 0; cycle < 30; cycle++) {
      for (const operation of ["delete", "restore"]) {
        const job = await finished(stack, (await submit(stack, { id, operation })).body.id);
        expect(job.state, `cycle ${cycle}, ${operation}: ${job.error}`).toBe("DONE");
      }
    }
    const back = await keyResource(id);
    expect(back).toMatchObject({ name: "cycled", gone: false, sap_param: { description } });
    const onSap = await client.getKey(back.sap_param.sap_key_id);
    expect(onSap).toMatchObject({ name: "cycled", description });
    expect(await fingerprints(stack, onSap.id, 1)).toEqual(before);
  });
});
