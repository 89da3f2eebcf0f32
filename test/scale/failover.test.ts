import type { RedisCluster } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finished, JOBS } from "../support/jobs-fixture.ts";
import { waitFor } from "../support/stack-processes.ts";
import { invariantOf } from "./support/invariant.ts";
import { readyz } from "./support/probes.ts";
import { type ClusterStack, type ScaleStack, sapKeys, startClusterStack } from "./support/scale-stack.ts";

describe("a Redis Cluster master killed mid-run (no replicas: its slots are gone until it returns)", () => {
  let cluster: RedisCluster;
  let stack: ScaleStack;
  let on: ClusterStack | undefined;
  beforeAll(async () => {
    on = await startClusterStack({
      workers: 2,
      env: { RECONCILE_INTERVAL_MS: "300", RECONCILE_GRACE_MS: "500", JOB_BACKOFF_MS: "100" },
      workerEnv: { WORKER_CONCURRENCY: "2", WORKER_LOCK_DURATION_MS: "2000", WORKER_STALLED_INTERVAL_MS: "1000" },
    });
    ({ cluster, stack } = on);
  });
  afterAll(async () => {
    await on?.stop();
  });

  it("answers 503 on /readyz while it is away, keeps what was committed, and loses no key", async () => {
    const keys = await sapKeys(stack, "failover", 7);
    // Slow deletes: jobs are still running when the master goes.
    await stack.sap.admin.addFault({ route: "keys.delete", latencyMs: 400 });
    const before = [];
    for (const key of keys.slice(0, 6)) {
      const res = await stack.call("POST", JOBS, { id: key.id, operation: "delete" });
      expect(res.status).toBe(201);
      before.push(res.body.id as string);
    }
    await waitFor(
      () => stack.sap.admin.count("keys.delete"),
      (n) => n >= 1,
    );

    // The master of the prefix's slot: every queue key of this deployment lives there.
    const owner = await cluster.masterOf(stack.redisPrefix);
    await owner.kill();
    const away = await waitFor(
      () => readyz(stack.apiUrl),
      (r) => r.status === 503,
    );
    expect(away.body.checks.redis.ok).toBe(false);

    // Submitted while the queue cannot take it: committed first, so 201 PENDING (a 503 would invite a
    // retry of a job that exists); the reconciler enqueues it once Redis is back.
    const during = await stack.call("POST", JOBS, { id: keys[6]?.id, operation: "delete" });
    expect(during.status).toBe(201);
    expect(during.body.state).toBe("PENDING");

    await owner.restart();
    await cluster.waitUntilOk();
    await waitFor(
      () => readyz(stack.apiUrl),
      (r) => r.status === 200,
    );
    await stack.sap.admin.clearFaults();
    // It came back empty (no persistence): every active job is enqueued again from Postgres.
    for (const jobId of [...before, during.body.id as string]) {
      expect(await finished(stack, jobId, 90_000)).toMatchObject({ state: "DONE", backup_status: "done" });
    }
    const report = await invariantOf(stack);
    expect(report.violations).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
