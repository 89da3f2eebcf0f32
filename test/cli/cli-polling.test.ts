import { liveProcesses } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliHome, type CliStack, runCli, spawnCli, startCliStack } from "../support/cli-process.ts";
import { JOBS, sapKey, syncAll } from "../support/jobs-fixture.ts";
import { openSse } from "../support/sse-client.ts";
import { ADMIN_PASSWORD, type TestStack, waitFor } from "../support/stack-processes.ts";

const POLLING = /serves no event stream .*polling every 2 s instead/;

/** An API that serves no event streams (JOB_EVENTS_MAX_WATCHERS=0: every stream 503): the CLI polls instead. */
describe("cckm without event streams", () => {
  let stack: TestStack;
  let home: CliHome;
  let on: CliStack | undefined;
  const cckm = (args: string[]) => runCli(home, args);

  beforeAll(async () => {
    on = await startCliStack({ stack: { env: { JOB_EVENTS_MAX_WATCHERS: "0" } }, login: true });
    ({ stack, home } = on);
  });
  afterAll(async () => {
    await on?.stop();
    expect(liveProcesses()).toBe(0);
  });

  it("the API answers a stream 503 with Retry-After, while polling works", async () => {
    const token = await fetch(`${stack.apiUrl}/api/v1/auth/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: ADMIN_PASSWORD }),
    });
    const { jwt } = (await token.json()) as { jwt: string };
    const stream = await openSse(`${stack.apiUrl}/api/v1${JOBS}?watch=true`, { authorization: `Bearer ${jwt}` });
    expect(stream.status).toBe(503);
    expect(stream.headers.get("retry-after")).toBe("5");
    stream.close();
    expect((await stack.call("GET", JOBS)).status).toBe(200);
  });

  it("--wait follows the job by polling: exit 0 when DONE, 1 with the error_code when FAILED", async () => {
    await sapKey(stack, { name: "poll-ok", type: "AES" });
    const done = await cckm(["sap", "keys", "delete", "poll-ok", "--wait"]);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stderr).toMatch(POLLING);
    expect(JSON.parse(done.stdout)[0]).toMatchObject({ operation: "delete", state: "DONE" });
    await sapKey(stack, { name: "poll-locked", type: "AES", exportable: false });
    const failed = await cckm(["sap", "keys", "delete", "poll-locked", "--wait"]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/FAILED: BACKUP_FAILED/);
  });

  it("a bulk run follows its jobs by polling to the summary", async () => {
    const group = await stack.sap.admin.createGroup("poll-group");
    const client = stack.sap.client();
    for (let i = 0; i < 5; i++) {
      await client.createKey({ name: `poll-${i}`, groupId: group.id, type: "AES", size: 256, exportable: true });
    }
    await syncAll(stack);
    const run = await cckm(["--json", "sap", "keys", "delete", "--filter", "sap_group_name=poll-group", "--yes"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(POLLING);
    expect(JSON.parse(run.stdout)).toMatchObject({ total: 5, done: 5, failed: 0 });
  });

  it("jobs watch shows changes by polling", async () => {
    const { id } = await sapKey(stack, { name: "poll-watched", type: "AES" });
    // No worker until the watch has read the list once: the job's DONE then comes after that read.
    for (const worker of stack.workers) await worker.stop();
    const listReads = () => stack.api.output().split('"method":"GET","route":"/cckm/sap/keys/jobs"').length;
    const before = listReads();
    const watch = spawnCli(home, ["sap", "jobs", "watch", "--state", "DONE", "--max-events", "1"]);
    await watch.waitFor((_out, err) => POLLING.test(err));
    await waitFor(
      async () => listReads(),
      (n) => n > before,
    );
    const submitted = await stack.call("POST", JOBS, { id, operation: "delete" });
    expect(submitted.status).toBe(201);
    await stack.startWorker();
    const result = await watch.done;
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toMatchObject({ job_id: submitted.body.id, to_state: "DONE" });
  });
});
