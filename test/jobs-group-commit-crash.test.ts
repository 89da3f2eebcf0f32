import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAndSync, fingerprints, finished, rows, sapKey, sapStatuses, submit } from "./support/jobs-fixture.ts";
import { startStack, type TestStack, waitFor } from "./support/stack-processes.ts";

// The worker's group commit holds each backup and completion commit open for 10 s here (in production
// it waits one event-loop turn), so the test can kill the worker inside that window. Its queue job is
// then handed on quickly: lock 2 s, stalls looked for every second. The replacement does not wait.
const WINDOW = { GROUP_COMMIT_WINDOW_MS: "10000" };
const workerEnv = { WORKER_LOCK_DURATION_MS: "2000", WORKER_STALLED_INTERVAL_MS: "1000", ...WINDOW };

describe("a worker killed inside its group commit's window", () => {
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

  const current = () => {
    const worker = stack.workers.at(-1);
    if (!worker) throw new Error("no worker");
    return worker;
  };

  /** SIGKILLs the running worker (which holds its commits 10 s) and starts one that does not wait. */
  async function killWorkerAndReplace() {
    await current().stop("SIGKILL");
    await stack.startWorker({ GROUP_COMMIT_WINDOW_MS: "0" });
  }

  /** Stops the running worker and starts one that holds its commits 10 s (the stack's worker does). */
  async function windowedWorker() {
    await current().stop("SIGTERM");
    await stack.startWorker();
  }

  /** One after another: each sapKey runs a full sync, and two syncs at once do not both see both keys. */
  async function sapKeys(names: string[], spec: { type: "AES" | "EC"; versions: number }) {
    const keys: Awaited<ReturnType<typeof sapKey>>[] = [];
    for (const name of names) keys.push(await sapKey(stack, { name, ...spec }));
    return keys;
  }

  async function restoresTheSameMaterial(id: string, before: string[]) {
    const restore = await submit(stack, { id, operation: "restore" });
    expect(await finished(stack, restore.body.id)).toMatchObject({ state: "DONE" });
    const back = (await stack.call("GET", `/cckm/sap/keys/${id}`)).body;
    expect(await fingerprints(stack, back.sap_param.sap_key_id, before.length)).toEqual(before);
  }

  it("waiting to commit its backups: nothing was committed, SAP deleted nothing; the next attempt backs up once and deletes once", async () => {
    const keys = await sapKeys(["group-backup-a", "group-backup-b"], { type: "AES", versions: 2 });
    const before = await Promise.all(keys.map((k) => fingerprints(stack, k.sap.id, 2)));
    const jobs = await Promise.all(keys.map((k) => submit(stack, { id: k.id, operation: "delete" })));
    // Both backups are exported (SAP answered every version); their commit waits in the window.
    for (const k of keys) {
      await waitFor(
        () => stack.sap.admin.count("versions.export", k.sap.id),
        (n) => n >= 2,
      );
    }
    const ids = jobs.map((j) => j.body.id);
    expect(await query("SELECT id FROM key_backups WHERE job_id = ANY($1::uuid[])", [ids])).toHaveLength(0);
    await killWorkerAndReplace();

    for (const [i, k] of keys.entries()) {
      expect(await finished(stack, ids[i] ?? "")).toMatchObject({ state: "DONE", backup_status: "done" });
      expect(await query("SELECT id FROM key_backups WHERE key_id = $1", [k.id])).toHaveLength(1);
      expect(await byStatus("keys.delete", k.sap.id)).toEqual({ "204": 1 });
      await restoresTheSameMaterial(k.id, before[i] ?? []);
    }
  });

  it("waiting to commit its completions: SAP deleted each key once; the next attempt ends them DONE without deleting again", async () => {
    await windowedWorker();
    const keys = await sapKeys(["group-done-a", "group-done-b"], { type: "EC", versions: 1 });
    const before = await Promise.all(keys.map((k) => fingerprints(stack, k.sap.id, 1)));
    const jobs = await Promise.all(keys.map((k) => submit(stack, { id: k.id, operation: "delete" })));
    const ids = jobs.map((j) => j.body.id);
    // The backups committed (after their window), SAP deleted both keys; the completions wait.
    for (const k of keys) {
      await waitFor(
        () => byStatus("keys.delete", k.sap.id),
        (s) => (s["204"] ?? 0) >= 1,
      );
    }
    const states = await query<{ state: string }>("SELECT state::text FROM sap_key_jobs WHERE id = ANY($1::uuid[])", [
      ids,
    ]);
    expect(states.map((s) => s.state)).toEqual(["IN_PROGRESS", "IN_PROGRESS"]);
    await killWorkerAndReplace();

    for (const [i, k] of keys.entries()) {
      expect(await finished(stack, ids[i] ?? "")).toMatchObject({ state: "DONE", backup_status: "done" });
      expect(await query("SELECT id FROM key_backups WHERE key_id = $1", [k.id])).toHaveLength(1);
      // The key was deleted once; the next attempt only learnt that SAP no longer has it.
      expect((await byStatus("keys.delete", k.sap.id))["204"]).toBe(1);
      expect((await byStatus("versions.export", k.sap.id))["200"]).toBe(1);
      await restoresTheSameMaterial(k.id, before[i] ?? []);
    }
  });
});
