import { randomUUID } from "node:crypto";
import { createPool, createPrismaClient, type Db, type Pool } from "@cckm/db";
import { createTestDatabase, insertInventoryStub, type TestDatabase } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JobError } from "../errors.ts";
import { type Claim, failJob, findJob, submitJob, withClaimedAttempt } from "./index.ts";

describe("lock and claim in one round trip (withClaimedAttempt)", () => {
  let database: TestDatabase;
  let pool: Pool;
  let db: Db;
  let stub: Awaited<ReturnType<typeof insertInventoryStub>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, { max: 3 });
    db = createPrismaClient(pool);
    stub = await insertInventoryStub(db);
  });
  afterAll(async () => {
    await db.$disconnect();
    await pool.end();
    await database.drop();
  });

  const submit = async (keyId: string) =>
    submitJob(pool, { keyId, operation: "delete", deleteIfBackupFails: false, creatorId: "u", creatorName: "alice" });
  const outcome = (promise: Promise<Claim>) =>
    promise.then(
      (claim) => claim.outcome,
      (e: unknown) => (e instanceof JobError ? e.code : String(e)),
    );
  const events = (jobId: string) => db.sapKeyJobEvent.count({ where: { jobId } });
  /** Attempt locks held by any session (each attempt takes its lock once and lets go of it once). */
  const heldLocks = async () =>
    (await pool.query("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = 7263")).rowCount;

  it("claims under the lock; a refused lock claims nothing, of the same job or another of the key", async () => {
    const keyId = (await stub.key("claimed-a")).id;
    const first = await submit(keyId);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered: (claim: Claim) => void = () => {};
    const inside = new Promise<Claim>((resolve) => {
      entered = resolve;
    });
    const running = withClaimedAttempt(pool, first.id, "w1", async (_db, claim) => {
      entered(claim);
      await held;
    });
    expect(await inside).toMatchObject({ outcome: "claimed", job: { state: "IN_PROGRESS", attempts: 1 } });
    expect(await events(first.id)).toBe(2); // submitted, claimed
    // A redelivery of the same job while the first attempt runs: refused, and nothing claimed.
    expect(await outcome(withClaimedAttempt(pool, first.id, "w2", async (_db, c) => c))).toBe("ATTEMPT_RUNNING");
    expect((await findJob(pool, first.id))?.attempts).toBe(1);
    // A new job of the key once the first was failed meanwhile: refused, still PENDING, no event.
    await failJob(pool, first.id, "reconciler", { code: "QUEUE_FAILED", message: "stalled too often" });
    const second = await submit(keyId);
    expect(await outcome(withClaimedAttempt(pool, second.id, "w2", async (_db, c) => c))).toBe("ATTEMPT_RUNNING");
    expect(await findJob(pool, second.id)).toMatchObject({ state: "PENDING", attempts: 0 });
    expect(await events(second.id)).toBe(1);
    // Another key is not held up.
    const other = await submit((await stub.key("claimed-b")).id);
    expect(await outcome(withClaimedAttempt(pool, other.id, "w2", async (_db, c) => c))).toBe("claimed");
    release();
    await running;
    // The lock is let go with the attempt: the second job is claimed now, on connections used before.
    for (let i = 0; i < 4; i++) {
      expect(await outcome(withClaimedAttempt(pool, second.id, "w3", async (_db, c) => c))).toBe("claimed");
    }
    expect((await findJob(pool, second.id))?.attempts).toBe(4);
    expect(await outcome(withClaimedAttempt(pool, first.id, "w3", async (_db, c) => c))).toBe("finished");
    expect(await outcome(withClaimedAttempt(pool, randomUUID(), "w3", async (_db, c) => c))).toBe("missing");
    // The actor goes into the event as given, whatever it holds.
    const third = await submit((await stub.key("claimed-c")).id);
    await withClaimedAttempt(pool, third.id, "worker:o'brien\\x", async () => {});
    const claimed = await db.sapKeyJobEvent.findFirstOrThrow({ where: { jobId: third.id, reason: "claimed" } });
    expect(claimed.actor).toBe("worker:o'brien\\x");
    expect(await heldLocks()).toBe(0);
  });

  it("lets go of the lock when the attempt throws, and when its connection is ended", async () => {
    const job = await submit((await stub.key("claimed-d")).id);
    const boom = withClaimedAttempt(pool, job.id, "w", async () => {
      throw new Error("boom");
    });
    await expect(boom).rejects.toThrow("boom");
    await expect(
      withClaimedAttempt(pool, job.id, "w", async (db) => {
        await db.query("SELECT pg_terminate_backend(pg_backend_pid())");
      }),
    ).rejects.toThrow();
    expect(await outcome(withClaimedAttempt(pool, job.id, "w", async (_db, c) => c))).toBe("claimed");
    expect(await heldLocks()).toBe(0);
  });
});
