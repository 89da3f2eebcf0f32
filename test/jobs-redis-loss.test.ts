import { createRedisConnection, standaloneTarget } from "@cckm/queue";
import { startRedisServer } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAndSync, fingerprints, finished, JOBS, sapKey, submit } from "./support/jobs-fixture.ts";
import { startStack, type TestStack, waitFor } from "./support/stack-processes.ts";

describe("Redis forgets everything (FLUSHALL)", () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let stack: TestStack;
  beforeAll(async () => {
    redis = await startRedisServer(); // a server of this test's own: FLUSHALL touches nobody else
    stack = await startStack({
      redisUrl: redis.url,
      env: { RECONCILE_INTERVAL_MS: "300", RECONCILE_GRACE_MS: "500", JOB_BACKOFF_MS: "100" },
      workerEnv: {
        WORKER_CONCURRENCY: "1",
        WORKER_LOCK_DURATION_MS: "2000",
        WORKER_STALLED_INTERVAL_MS: "1000",
        SAP_KMS_TIMEOUT_MS: "3000",
      },
    });
    await connectAndSync(stack);
  });
  afterAll(async () => {
    await stack.stop();
    await redis.stop();
  });

  it("loses no job: PENDING and IN_PROGRESS jobs are enqueued again by the reconciler and finish", async () => {
    const busy = await sapKey(stack, { name: "flush-busy", type: "AES" });
    const waiting = [
      await sapKey(stack, { name: "flush-wait-1", type: "AES" }),
      await sapKey(stack, { name: "flush-wait-2", type: "RSA" }),
    ];
    // One worker slot, held by a delete that hangs in SAP: the others stay PENDING behind it.
    await stack.sap.admin.addFault({ route: "keys.delete", keyId: busy.sap.id, hangRate: 1, times: 1 });
    const inProgress = await submit(stack, { id: busy.id, operation: "delete" });
    await waitFor(
      () => stack.sap.admin.count("keys.delete", busy.sap.id),
      (n) => n >= 1,
    );
    const pending = await Promise.all(waiting.map((k) => submit(stack, { id: k.id, operation: "delete" })));
    expect((await stack.call("GET", `${JOBS}/${inProgress.body.id}`)).body.state).toBe("IN_PROGRESS");
    for (const p of pending) expect((await stack.call("GET", `${JOBS}/${p.body.id}`)).body.state).toBe("PENDING");

    const client = createRedisConnection(standaloneTarget(redis.url), "tool", "cckm-test");
    await client.flushall();
    expect(await client.dbsize()).toBe(0);
    client.disconnect();

    for (const job of [inProgress, ...pending]) {
      expect(await finished(stack, job.body.id)).toMatchObject({ state: "DONE", backup_status: "done" });
    }
    for (const k of [busy, ...waiting]) {
      expect((await stack.call("GET", `/cckm/sap/keys/${k.id}`)).body).toMatchObject({ gone: true, backup: true });
    }
  });

  it("a restore still running when Redis forgets it is not run twice at once: one key, its versions once each", async () => {
    const { sap, id } = await sapKey(stack, { name: "flush-restoring", type: "AES", versions: 3 });
    const before = await fingerprints(stack, sap.id, 3);
    const deleted = await submit(stack, { id, operation: "delete" });
    expect(await finished(stack, deleted.body.id)).toMatchObject({ state: "DONE" });
    await stack.startWorker(); // a second worker, free to take the job the reconciler enqueues again

    // Every import is slow: the first attempt is still importing when its queue job is forgotten.
    await stack.sap.admin.addFault({ route: "crypto.unwrap", latencyMs: 1500 });
    const restore = await submit(stack, { id, operation: "restore" });
    const sapClient = stack.sap.client();
    const named = () => sapClient.listAllKeys({ groupId: sap.groupId, name: "flush-restoring" });
    await waitFor(
      async () => (await named())[0]?.meta.totalVersions ?? 0,
      (versions) => versions >= 1,
    );
    const client = createRedisConnection(standaloneTarget(redis.url), "tool", "cckm-test");
    await client.flushall();
    client.disconnect();

    const done = await finished(stack, restore.body.id);
    await stack.sap.admin.clearFaults();
    expect(done.state, done.error).toBe("DONE");
    const onSap = await named();
    expect(onSap.map((k) => k.meta.totalVersions)).toEqual([3]);
    expect(await fingerprints(stack, onSap[0]?.id as string, 3)).toEqual(before);
  });
});
