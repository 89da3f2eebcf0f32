import { randomUUID } from "node:crypto";
import { createPool, createPrismaClient, type Db, type Pool } from "@cckm/db";
import { createTestDatabase, insertInventoryStub, type TestDatabase } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JobError } from "../errors.ts";
import { failJob, submitJob, withAttemptLock } from "./index.ts";

describe("the attempt lock: one attempt on a key at a time", () => {
  let database: TestDatabase;
  let pool: Pool;
  let db: Db;
  let stub: Awaited<ReturnType<typeof insertInventoryStub>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, { max: 6 });
    db = createPrismaClient(pool);
    stub = await insertInventoryStub(db);
  });
  afterAll(async () => {
    await db.$disconnect();
    await pool.end();
    await database.drop();
  });

  const keys = new Map<string, string>();
  const submit = async (keyName: string) =>
    submitJob(pool, {
      keyId: keys.get(keyName) ?? keys.set(keyName, (await stub.key(keyName)).id).get(keyName) ?? "",
      operation: "delete",
      deleteIfBackupFails: false,
      creatorId: "u",
      creatorName: "alice",
    });

  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => "ran",
      (e: unknown) => (e instanceof JobError ? e.code : String(e)),
    );

  it("refuses a second attempt on the same key, even of another job (an older one failed while it still runs)", async () => {
    const first = await submit("locked-a");
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered: () => void = () => {};
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const running = withAttemptLock(pool, first.id, async () => {
      entered();
      await held;
    });
    await inside;
    // The same job delivered again, and a new job of the same key once the first was failed meanwhile.
    expect(await codeOf(withAttemptLock(pool, first.id, async () => {}))).toBe("ATTEMPT_RUNNING");
    await failJob(pool, first.id, "reconciler", { code: "QUEUE_FAILED", message: "stalled too often" });
    const second = await submit("locked-a");
    expect(await codeOf(withAttemptLock(pool, second.id, async () => {}))).toBe("ATTEMPT_RUNNING");
    // Another key is not held up.
    const other = await submit("locked-b");
    expect(await codeOf(withAttemptLock(pool, other.id, async () => {}))).toBe("ran");
    release();
    await running;
    expect(await codeOf(withAttemptLock(pool, second.id, async () => {}))).toBe("ran");
    // No such job: the attempt runs (its claim says the job is missing) without a lock.
    expect(await codeOf(withAttemptLock(pool, randomUUID(), async () => {}))).toBe("ran");
  });
});
