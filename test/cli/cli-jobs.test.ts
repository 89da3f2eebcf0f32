import { liveProcesses } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliHome, type CliStack, runCli, spawnCli, startCliStack } from "../support/cli-process.ts";
import { JOBS, sapKey } from "../support/jobs-fixture.ts";
import type { TestStack } from "../support/stack-processes.ts";

/** `cckm sap keys delete|restore KEY… --wait` and `cckm sap jobs watch`: live job states and exit codes. */
describe("cckm: key jobs", () => {
  let stack: TestStack;
  let home: CliHome;
  let on: CliStack | undefined;
  const cckm = (args: string[]) => runCli(home, args);

  beforeAll(async () => {
    on = await startCliStack({ login: true });
    ({ stack, home } = on);
  });
  afterAll(async () => {
    await on?.stop();
    expect(liveProcesses()).toBe(0);
  });

  it("deletes a key by name with --wait: each state change shown live, exit 0, then restores it by SAP key id", async () => {
    const { id, sap } = await sapKey(stack, { name: "cli-wait-ok", type: "AES" });
    const deleted = await cckm(["sap", "keys", "delete", "cli-wait-ok", "--wait"]);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stderr).toMatch(/cli-wait-ok \(job [0-9a-f-]+\): PENDING/);
    expect(deleted.stderr).toMatch(/IN_PROGRESS → DONE/);
    const jobs = JSON.parse(deleted.stdout);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ cckm_key_id: id, operation: "delete", state: "DONE" });
    const restored = await cckm(["sap", "keys", "restore", sap.id, "--wait"]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(JSON.parse(restored.stdout)[0]).toMatchObject({ operation: "restore", state: "DONE" });
  });

  it("exits 1 with the error_code when a job ends FAILED (a non-exportable key, no --delete-if-backup-fails)", async () => {
    await sapKey(stack, { name: "cli-wait-locked", type: "AES", exportable: false });
    const failed = await cckm(["sap", "keys", "delete", "cli-wait-locked", "--wait"]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/FAILED: BACKUP_FAILED/);
    expect(JSON.parse(failed.stdout)[0]).toMatchObject({ state: "FAILED", error_code: "BACKUP_FAILED" });
    const forced = await cckm(["sap", "keys", "delete", "cli-wait-locked", "--delete-if-backup-fails", "--wait"]);
    expect(forced.code, forced.stderr).toBe(0);
  });

  it("submits without waiting, and follows a key's job that already exists instead of making a second", async () => {
    const { id } = await sapKey(stack, { name: "cli-no-wait", type: "AES" });
    for (const worker of stack.workers) await worker.stop();
    const first = await cckm(["sap", "keys", "delete", id]);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)[0]).toMatchObject({ state: "PENDING" });
    const second = await cckm(["sap", "keys", "delete", id]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/already has job/);
    expect(JSON.parse(second.stdout)[0].id).toBe(JSON.parse(first.stdout)[0].id);
    await stack.startWorker();
    const done = await cckm(["sap", "keys", "delete", id, "--wait"]);
    // The key is gone by now or about to be: following the same job, or refused as already deleted.
    expect([0, 1]).toContain(done.code);
    const listed = await stack.call("GET", `${JOBS}?cckm_key_id=${id}`);
    expect(listed.body.total).toBe(1);
  });

  it("watches jobs live (jobs watch), filtered by state", async () => {
    const { id } = await sapKey(stack, { name: "cli-watched", type: "AES" });
    const watch = spawnCli(home, ["sap", "jobs", "watch", "--state", "DONE", "--max-events", "1"]);
    await watch.waitFor((_out, err) => err.includes("connected"));
    const submitted = await stack.call("POST", JOBS, { id, operation: "delete" });
    expect(submitted.status).toBe(201);
    const result = await watch.done;
    expect(result.code, result.stderr).toBe(0);
    const event = JSON.parse(result.stdout.trim());
    expect(event).toMatchObject({ job_id: submitted.body.id, to_state: "DONE", from_state: "IN_PROGRESS" });
  });
});
