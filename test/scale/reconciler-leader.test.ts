import { findJob } from "@cckm/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../support/wait-for.ts";
import { isLeader } from "./support/probes.ts";
import {
  commitUnqueuedJob,
  type FleetOnDatabase,
  startFleetOnDatabase,
  type WorkerProcess,
} from "./support/workers.ts";

const WORKERS = 3;

/**
 * Worker processes only (no API): each runs a reconciler loop, and exactly one of them reconciles,
 * the one holding the reconciler's Postgres advisory lock (on a session of its own).
 */
describe.each([
  { redis: "a standalone Redis (REDIS_URL)", cluster: false },
  { redis: "a Redis Cluster (REDIS_CLUSTER_NODES)", cluster: true },
])("three worker processes on $redis: one reconciler at a time", ({ cluster: onCluster }) => {
  let on: FleetOnDatabase;

  beforeAll(async () => {
    on = await startFleetOnDatabase({ count: WORKERS, cluster: onCluster });
  });
  afterAll(async () => {
    await on?.stop();
  });

  const flags = () => Promise.all(on.fleet.running().map((w) => isLeader(w.url)));
  const exactlyOne = (f: Array<boolean | undefined>) =>
    f.every((x) => x !== undefined) && f.filter((x) => x === true).length === 1;

  it("has exactly one leader; killed, another takes over and does the reconciler's work", async () => {
    const { fleet, pool } = on;
    const before = await waitFor(flags, exactlyOne);
    const leader = fleet.running()[before.indexOf(true)] as WorkerProcess;
    expect(leader.process.output()).toMatch(/reconciler: this worker reconciles/);
    await leader.process.stop("SIGKILL");

    // Its session ended with it, and with the session the lock: a standby takes it at its next try.
    const after = await waitFor(flags, exactlyOne, 20_000);
    const next = fleet.running()[after.indexOf(true)] as WorkerProcess;
    expect(next).not.toBe(leader);
    expect(fleet.running()).toHaveLength(WORKERS - 1);

    // A job committed and never enqueued (what an API that died between the two leaves): the new
    // leader puts it on the queue after the grace period, and a worker claims it.
    const job = await commitUnqueuedJob(on, "orphan");
    const claimed = await waitFor(
      () => findJob(pool, job.id),
      (j) => j !== null && j.state !== "PENDING",
      20_000,
    );
    expect(claimed?.state).not.toBe("PENDING");
  });
});
