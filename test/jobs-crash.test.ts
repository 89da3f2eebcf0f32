import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAndSync, fingerprints, finished, rows, sapKey, sapStatuses, submit } from "./support/jobs-fixture.ts";
import { startStack, type TestStack, waitFor } from "./support/stack-processes.ts";

// A dead worker's queue job is handed on quickly: its lock lasts 2 s, stalls are looked for every second.
const workerEnv = { WORKER_LOCK_DURATION_MS: "2000", WORKER_STALLED_INTERVAL_MS: "1000", SAP_KMS_TIMEOUT_MS: "20000" };

describe("a worker killed in the middle of a job", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ workerEnv, env: { JOB_BACKOFF_MS: "100" } });
    await connectAndSync(stack);
  });
  afterAll(async () => {
    await stack.stop();
  });

  const query = <T extends pg.QueryResultRow>(sql: string, params: unknown[]) => rows<T>(stack, sql, params);

  const byStatus = (route: string, keyId: string) => sapStatuses(stack, route, keyId);

  /** SIGKILLs the only running worker and starts a fresh one. */
  async function killWorkerAndReplace() {
    const worker = stack.workers.at(-1);
    if (!worker) throw new Error("no worker");
    await worker.stop("SIGKILL");
    await stack.sap.admin.clearFaults();
    await stack.startWorker();
  }

  it("after the backup commit: the job ends DONE with one backup and one delete", async () => {
    const { sap, id } = await sapKey(stack, { name: "crash-after-backup", type: "AES", versions: 2 });
    const before = await fingerprints(stack, sap.id, 2);
    await stack.sap.admin.addFault({ route: "keys.delete", keyId: sap.id, hangRate: 1 });
    const job = await submit(stack, { id, operation: "delete" });
    // The backup is committed and proven; the worker now hangs in the SAP delete.
    await waitFor(
      () => query<{ proven_at: Date | null }>("SELECT proven_at FROM key_backups WHERE job_id = $1", [job.body.id]),
      (rows) => rows.length === 1 && rows[0]?.proven_at !== null,
    );
    await waitFor(
      () => stack.sap.admin.count("keys.delete", sap.id),
      (n) => n >= 1,
    );
    await killWorkerAndReplace();

    expect(await finished(stack, job.body.id)).toMatchObject({ state: "DONE", backup_status: "done" });
    expect(await query("SELECT id FROM key_backups WHERE key_id = $1", [id])).toHaveLength(1);
    expect((await byStatus("keys.delete", sap.id))["204"] ?? 0).toBe(1);
    // Nothing lost: the backup restores the same material.
    const restore = await submit(stack, { id, operation: "restore" });
    expect(await finished(stack, restore.body.id)).toMatchObject({ state: "DONE" });
    const back = (await stack.call("GET", `/cckm/sap/keys/${id}`)).body;
    expect(await fingerprints(stack, back.sap_param.sap_key_id, 2)).toEqual(before);
  });

  it("after the SAP delete, before DONE: the retry counts 'not found' as deleted, nothing is deleted twice", async () => {
    const { sap, id } = await sapKey(stack, { name: "crash-after-delete", type: "RSA" });
    const before = await fingerprints(stack, sap.id, 1);
    // The delete happens, then its answer never comes.
    await stack.sap.admin.addFault({ route: "keys.delete", keyId: sap.id, hangRate: 1, after: true });
    const job = await submit(stack, { id, operation: "delete" });
    await waitFor(
      () => stack.sap.admin.count("keys.delete", sap.id),
      (n) => n >= 1,
    );
    await expect(stack.sap.client().getKey(sap.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await stack.call("GET", `/cckm/sap/keys/jobs/${job.body.id}`)).body.state).toBe("IN_PROGRESS");
    await killWorkerAndReplace();

    expect(await finished(stack, job.body.id)).toMatchObject({ state: "DONE", backup_status: "done" });
    const statuses = await byStatus("keys.delete", sap.id);
    expect(statuses["204"] ?? 0).toBeLessThanOrEqual(1);
    expect(statuses["404"] ?? 0).toBeGreaterThanOrEqual(1);
    expect(await query("SELECT id FROM key_backups WHERE key_id = $1", [id])).toHaveLength(1);
    const restore = await submit(stack, { id, operation: "restore" });
    expect(await finished(stack, restore.body.id)).toMatchObject({ state: "DONE" });
    const back = (await stack.call("GET", `/cckm/sap/keys/${id}`)).body;
    expect(await fingerprints(stack, back.sap_param.sap_key_id, 1)).toEqual(before);
  });

  it("mid-restore: one restored key in SAP, not two", async () => {
    const { sap, id } = await sapKey(stack, { name: "crash-mid-restore", type: "EC", versions: 3 });
    const before = await fingerprints(stack, sap.id, 3);
    const deleted = await submit(stack, { id, operation: "delete" });
    expect(await finished(stack, deleted.body.id)).toMatchObject({ state: "DONE" });

    // SAP creates the new key from version 0, then its answer never comes.
    await stack.sap.admin.addFault({ route: "crypto.unwrap", hangRate: 1, after: true, times: 1 });
    const restore = await submit(stack, { id, operation: "restore" });
    const client = stack.sap.client();
    const named = () => client.listAllKeys({ groupId: sap.groupId, name: "crash-mid-restore" });
    await waitFor(
      async () => (await named())[0]?.meta.totalVersions ?? 0,
      (versions) => versions >= 1,
    );
    await killWorkerAndReplace();

    expect(await finished(stack, restore.body.id)).toMatchObject({ state: "DONE" });
    const restored = await named();
    expect(restored).toHaveLength(1);
    expect(restored[0]?.description ?? "").not.toContain("cckm-restore");
    const back = (await stack.call("GET", `/cckm/sap/keys/${id}`)).body;
    expect(back).toMatchObject({ gone: false, versions: 3 });
    expect(back.sap_param.sap_key_id).toBe(restored[0]?.id);
    expect(await fingerprints(stack, back.sap_param.sap_key_id, 3)).toEqual(before);
  });

  it("on SIGTERM, lets the job in flight finish, then exits cleanly", async () => {
    const { sap, id } = await sapKey(stack, { name: "graceful-stop", type: "AES" });
    await stack.sap.admin.addFault({ route: "keys.delete", keyId: sap.id, latencyMs: 1500 });
    const job = await submit(stack, { id, operation: "delete" });
    await waitFor(
      () => stack.sap.admin.count("keys.delete", sap.id),
      (n) => n >= 1,
    );
    const worker = stack.workers.at(-1);
    const exit = await worker?.stop("SIGTERM");
    expect(exit).toEqual({ code: 0, signal: null });
    // It finished the delete before leaving: DONE with no other worker running.
    expect((await stack.call("GET", `/cckm/sap/keys/jobs/${job.body.id}`)).body.state).toBe("DONE");
    await stack.sap.admin.clearFaults();
    await stack.startWorker();
  });
});
