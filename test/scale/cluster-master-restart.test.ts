import { findJob } from "@cckm/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../support/wait-for.ts";
import { readyz } from "./support/probes.ts";
import { commitUnqueuedJob, type FleetOnDatabase, startFleetOnDatabase } from "./support/workers.ts";

/**
 * The workers' side of a failover (no API: see failover.test.ts for the whole stack): the master of
 * the deployment's slot is SIGKILLed and started again, empty. Readiness goes red and green again,
 * and the BullMQ workers and the reconciler find the master again on their own.
 */
describe("workers on a Redis Cluster whose master of the prefix's slot dies and comes back", () => {
  let on: FleetOnDatabase;

  beforeAll(async () => {
    on = await startFleetOnDatabase({ count: 2, cluster: true });
  });
  afterAll(async () => {
    await on?.stop();
  });

  it("is not ready while the master is away, and picks up what was committed meanwhile once it is back", async () => {
    const { fleet, pool } = on;
    const cluster = on.cluster as NonNullable<FleetOnDatabase["cluster"]>;
    const owner = await cluster.masterOf(fleet.prefix);
    await owner.kill();
    for (const worker of fleet.workers) {
      const away = await waitFor(
        () => readyz(worker.url),
        (r) => r.status === 503,
      );
      expect(away.body.checks.redis.ok).toBe(false);
    }
    // Committed while the queue cannot take it (an API would have answered 201 and failed its enqueue).
    const job = await commitUnqueuedJob(on, "failover");
    await owner.restart();
    await cluster.waitUntilOk();
    for (const worker of fleet.workers) {
      await waitFor(
        () => readyz(worker.url),
        (r) => r.status === 200,
      );
    }
    // The master came back empty: the reconciler enqueues the job from Postgres and a worker claims it.
    const claimed = await waitFor(
      () => findJob(pool, job.id),
      (j) => j !== null && j.state !== "PENDING",
      30_000,
    );
    expect(claimed?.state).not.toBe("PENDING");
    expect(fleet.running()).toHaveLength(2);
  });
});
