import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAndSync, fingerprints, finished, sapKey, submit } from "./support/jobs-fixture.ts";
import { startStack, type TestStack } from "./support/stack-processes.ts";

// Few, quick attempts: the tests wait for the last one.
const env = { JOB_ATTEMPTS: "3", JOB_BACKOFF_MS: "50" };

describe("when the backup or SAP fails", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ env });
    await connectAndSync(stack);
  });
  afterAll(async () => {
    await stack.stop();
  });

  async function attemptsOf(jobId: string): Promise<number> {
    const client = new pg.Client({ connectionString: stack.db.url });
    await client.connect();
    const { rows } = await client.query<{ attempts: number }>("SELECT attempts FROM sap_key_jobs WHERE id = $1", [
      jobId,
    ]);
    await client.end();
    return rows[0]?.attempts ?? -1;
  }

  const successfulDeletes = async (sapKeyId: string) =>
    (await stack.sap.admin.requests({ route: "keys.delete", keyId: sapKeyId })).reduce(
      (n, r) =>
        n +
        Object.entries(r.byStatus)
          .filter(([s]) => s.startsWith("2"))
          .reduce((m, [, c]) => m + c, 0),
      0,
    );

  it("keeps a non-exportable key when delete_if_backup_fails is false: FAILED, BACKUP_FAILED, SAP never asked", async () => {
    const { sap, id } = await sapKey(stack, { name: "locked-keep", type: "AES", exportable: false });
    const job = await submit(stack, { id, operation: "delete", delete_if_backup_fails: false });
    const done = await finished(stack, job.body.id);
    expect(done).toMatchObject({ state: "FAILED", error_code: "BACKUP_FAILED", backup_status: "failed" });
    expect(done.error).toMatch(/backup failed/);
    expect(await stack.sap.admin.count("keys.delete", sap.id)).toBe(0);
    expect((await stack.sap.client().getKey(sap.id)).id).toBe(sap.id);
    expect((await stack.call("GET", `/cckm/sap/keys/${id}`)).body).toMatchObject({ gone: false, backup: false });
  });

  it("deletes a non-exportable key anyway when delete_if_backup_fails is true, saying the backup failed", async () => {
    const { sap, id } = await sapKey(stack, { name: "locked-delete", type: "AES", exportable: false });
    const job = await submit(stack, { id, operation: "delete", delete_if_backup_fails: true });
    const done = await finished(stack, job.body.id);
    expect(done).toMatchObject({ state: "DONE", backup_status: "failed", delete_if_backup_fails: true });
    expect(await successfulDeletes(sap.id)).toBe(1);
    expect((await stack.call("GET", `/cckm/sap/keys/${id}`)).body).toMatchObject({ gone: true, backup: false });
    const restore = await submit(stack, { id, operation: "restore" });
    expect(restore.status).toBe(409);
  });

  it("treats an export that keeps failing as a failed backup, both ways, after its retries", async () => {
    const kept = await sapKey(stack, { name: "export-fails-keep", type: "AES" });
    const dropped = await sapKey(stack, { name: "export-fails-delete", type: "AES" });
    await stack.sap.admin.addFault({ route: "versions.export", keyId: kept.sap.id, status: 503 });
    await stack.sap.admin.addFault({ route: "versions.export", keyId: dropped.sap.id, status: 503 });

    const keep = await submit(stack, { id: kept.id, operation: "delete", delete_if_backup_fails: false });
    const go = await submit(stack, { id: dropped.id, operation: "delete", delete_if_backup_fails: true });
    const keepDone = await finished(stack, keep.body.id);
    const goDone = await finished(stack, go.body.id);
    expect(keepDone).toMatchObject({ state: "FAILED", error_code: "BACKUP_FAILED" });
    expect(goDone).toMatchObject({ state: "DONE", backup_status: "failed" });
    expect(await attemptsOf(keep.body.id)).toBe(3);
    expect(await stack.sap.admin.count("keys.delete", kept.sap.id)).toBe(0);
    expect(await successfulDeletes(dropped.sap.id)).toBe(1);
    await stack.sap.admin.clearFaults();
  });

  it("keeps an older backup when a later delete's backup fails: what was saved is never dropped", async () => {
    const { sap, id } = await sapKey(stack, { name: "keeps-old-backup", type: "AES" });
    const before = await fingerprints(stack, sap.id, 1);
    expect((await finished(stack, (await submit(stack, { id, operation: "delete" })).body.id)).state).toBe("DONE");
    expect((await finished(stack, (await submit(stack, { id, operation: "restore" })).body.id)).state).toBe("DONE");
    const restoredSapId = (await stack.call("GET", `/cckm/sap/keys/${id}`)).body.sap_param.sap_key_id;

    await stack.sap.admin.addFault({ route: "versions.export", keyId: restoredSapId, status: 503 });
    const second = await submit(stack, { id, operation: "delete", delete_if_backup_fails: true });
    expect(await finished(stack, second.body.id)).toMatchObject({ state: "DONE", backup_status: "failed" });
    await stack.sap.admin.clearFaults();
    expect((await stack.call("GET", `/cckm/sap/keys/${id}`)).body).toMatchObject({ gone: true, backup: true });

    const again = await submit(stack, { id, operation: "restore" });
    expect(await finished(stack, again.body.id)).toMatchObject({ state: "DONE" });
    const back = (await stack.call("GET", `/cckm/sap/keys/${id}`)).body;
    expect(await fingerprints(stack, back.sap_param.sap_key_id, 1)).toEqual(before);
  });

  it("rides out 503s and 429s from SAP and finishes DONE", async () => {
    const flaky = await sapKey(stack, { name: "flaky-delete", type: "AES" });
    const limited = await sapKey(stack, { name: "rate-limited", type: "RSA" });
    await stack.sap.admin.addFault({ route: "keys.delete", keyId: flaky.sap.id, status: 503, times: 2 });
    await stack.sap.admin.addFault({ route: "versions.export", keyId: limited.sap.id, status: 429, times: 1 });
    const a = await submit(stack, { id: flaky.id, operation: "delete" });
    const b = await submit(stack, { id: limited.id, operation: "delete" });
    expect(await finished(stack, a.body.id)).toMatchObject({ state: "DONE", backup_status: "done" });
    expect(await finished(stack, b.body.id)).toMatchObject({ state: "DONE", backup_status: "done" });
    expect(await attemptsOf(a.body.id)).toBe(3);
    expect(await attemptsOf(b.body.id)).toBe(2);
    expect(await successfulDeletes(flaky.sap.id)).toBe(1);
    await stack.sap.admin.clearFaults();
  });

  it("fails at once, without retries, on a permanent 4xx", async () => {
    const { sap, id } = await sapKey(stack, { name: "refused-delete", type: "AES" });
    await stack.sap.admin.addFault({ route: "keys.delete", keyId: sap.id, status: 400 });
    const job = await submit(stack, { id, operation: "delete" });
    const done = await finished(stack, job.body.id);
    expect(done).toMatchObject({ state: "FAILED", error_code: "SAP_BAD_REQUEST", backup_status: "done" });
    expect(await attemptsOf(job.body.id)).toBe(1);
    expect(await stack.sap.admin.count("keys.delete", sap.id)).toBe(1);
    // The key was backed up and not deleted: it is still live, its backup waits for a next delete.
    expect((await stack.call("GET", `/cckm/sap/keys/${id}`)).body).toMatchObject({ gone: false });
    await stack.sap.admin.clearFaults();
  });

  // An unknown field is ignored, as CipherTrust does (issue 13; test/cckm-compat): not a refusal here.
  it("refuses bad submissions: unknown key 404; a string flag, bad operation 400; gone key 409", async () => {
    const missing = await submit(stack, { id: "00000000-0000-4000-8000-000000000000", operation: "delete" });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 16, codeDesc: "NCERRResourceNotFound: Resource not found" });
    const { id } = await sapKey(stack, { name: "validation", type: "AES" });
    for (const bad of [
      { id, operation: "delete", delete_if_backup_fails: "true" },
      { id, operation: "purge" },
      { id: "not-a-uuid", operation: "delete" },
      { operation: "delete" },
    ]) {
      const res = await submit(stack, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.codeDesc).toMatch(/^NCERRInvalidParamValue/);
    }
    const restoreLive = await submit(stack, { id, operation: "restore" });
    expect(restoreLive.status).toBe(409);
    const done = await finished(stack, (await submit(stack, { id, operation: "delete" })).body.id);
    expect(done.state).toBe("DONE");
    expect((await submit(stack, { id, operation: "delete" })).status).toBe(409);
  });
});
