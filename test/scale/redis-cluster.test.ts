import { AWS_SYNC_JOBS_QUEUE, OCI_SYNC_JOBS_QUEUE } from "@cckm/jobs";
import { createRedisConnection, KEY_JOBS_QUEUE, SYNC_JOBS_QUEUE, scanKeys, standaloneTarget } from "@cckm/queue";
import type { RedisCluster, TestProcess } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fingerprints, finished, JOBS, sapKey, submit } from "../support/jobs-fixture.ts";
import { waitFor } from "../support/stack-processes.ts";
import { boardQueues } from "./support/board.ts";
import { invariantOf } from "./support/invariant.ts";
import { type ClusterStack, healthUrlOf, type ScaleStack, startClusterStack } from "./support/scale-stack.ts";

/** Runs `command` on one master alone (FLUSHALL, DBSIZE: per node on a cluster). */
async function onMaster<T>(url: string, command: (c: ReturnType<typeof createRedisConnection>) => Promise<T>) {
  const client = createRedisConnection(standaloneTarget(url), "tool", "cckm-test-cluster-admin");
  try {
    return await command(client);
  } finally {
    client.disconnect();
  }
}

describe("the stack on a three-master Redis Cluster (REDIS_CLUSTER_NODES)", () => {
  let cluster: RedisCluster;
  let stack: ScaleStack;
  let on: ClusterStack | undefined;
  beforeAll(async () => {
    on = await startClusterStack({
      env: { RECONCILE_INTERVAL_MS: "300", RECONCILE_GRACE_MS: "500", JOB_BACKOFF_MS: "100" },
      workerEnv: { WORKER_CONCURRENCY: "1", WORKER_LOCK_DURATION_MS: "2000", WORKER_STALLED_INTERVAL_MS: "1000" },
    });
    ({ cluster, stack } = on);
  });
  afterAll(async () => {
    await on?.stop();
  });

  it("is ready on the API and the worker, every master answering", async () => {
    for (const url of [stack.apiUrl, healthUrlOf(stack.workers[0] as TestProcess)]) {
      const res = await fetch(`${url}/readyz`);
      expect(res.status, url).toBe(200);
      expect(((await res.json()) as { checks: { redis: unknown } }).checks.redis).toEqual({ ok: true });
    }
  });

  it("deletes and restores a key, every queue key in the one slot of the hash-tagged prefix", async () => {
    const { sap, id } = await sapKey(stack, { name: "cluster-key", type: "AES", versions: 2 });
    const before = await fingerprints(stack, sap.id, 2);
    const deleted = await submit(stack, { id, operation: "delete" });
    expect(deleted.status).toBe(201);
    expect(await finished(stack, deleted.body.id)).toMatchObject({ state: "DONE", backup_status: "done" });
    const restored = await submit(stack, { id, operation: "restore" });
    expect(await finished(stack, restored.body.id)).toMatchObject({ state: "DONE" });
    const key = (await stack.call("GET", `/cckm/sap/keys/${id}`)).body;
    expect(key).toMatchObject({ gone: false });
    expect(key.sap_param.sap_key_id).not.toBe(sap.id);
    expect(await fingerprints(stack, key.sap_param.sap_key_id, 2)).toEqual(before);

    // BullMQ's keys all hash to the prefix's slot: they live on that slot's master and nowhere else.
    const owner = await cluster.masterOf(stack.redisPrefix);
    for (const master of cluster.masters) {
      const keys = await onMaster(master.url, async (c) => {
        const found: string[] = [];
        for await (const batch of scanKeys(c, `${stack.redisPrefix}*`)) found.push(...batch);
        return found;
      });
      if (master === owner) expect(keys.length).toBeGreaterThan(0);
      else expect(keys).toEqual([]);
    }
  });

  it("lists every queue in Bull Board with the jobs that ran", async () => {
    const queues = await boardQueues(stack.apiUrl);
    const names = [AWS_SYNC_JOBS_QUEUE, OCI_SYNC_JOBS_QUEUE, KEY_JOBS_QUEUE, SYNC_JOBS_QUEUE].sort();
    expect(queues.map((q) => q.name)).toEqual(names);
    const keyJobs = queues.find((q) => q.name === KEY_JOBS_QUEUE);
    expect(keyJobs?.counts.completed).toBeGreaterThanOrEqual(2);
  });

  it("after a FLUSHALL on every master, the reconciler enqueues the active jobs again and they finish", async () => {
    const busy = await sapKey(stack, { name: "cluster-busy", type: "AES" });
    const waiting = await sapKey(stack, { name: "cluster-wait", type: "RSA" });
    // The one worker slot is held by a delete that hangs in SAP: the other job stays PENDING behind it.
    await stack.sap.admin.addFault({ route: "keys.delete", keyId: busy.sap.id, hangRate: 1, times: 1 });
    const inProgress = await submit(stack, { id: busy.id, operation: "delete" });
    await waitFor(
      () => stack.sap.admin.count("keys.delete", busy.sap.id),
      (n) => n >= 1,
    );
    const pending = await submit(stack, { id: waiting.id, operation: "delete" });
    expect((await stack.call("GET", `${JOBS}/${pending.body.id}`)).body.state).toBe("PENDING");

    for (const master of cluster.masters) {
      await onMaster(master.url, (c) => c.flushall());
      expect(await onMaster(master.url, (c) => c.dbsize())).toBe(0);
    }

    for (const job of [inProgress, pending]) {
      expect(await finished(stack, job.body.id)).toMatchObject({ state: "DONE", backup_status: "done" });
    }
    const report = await invariantOf(stack);
    expect(report.violations).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it("synchronizes through the cluster as well (a sync job is a queue job too)", async () => {
    const sync = await stack.call("POST", "/cckm/sap/synchronization-jobs", {
      connection: "tenant",
      synchronize_all: true,
    });
    expect(sync.status).toBe(201);
    const done = await waitFor(
      () => stack.call("GET", `/cckm/sap/synchronization-jobs/${sync.body.id}`),
      (r) => r.body.overall_status !== "in_progress",
    );
    expect(done.body.overall_status).toBe("completed");
  });
});
