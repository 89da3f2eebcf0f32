import { randomUUID } from "node:crypto";
import { createPrismaClient, type Db } from "@cckm/db";
import { createTestDatabase, type TestDatabase } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JobError } from "./errors.ts";
import { claimJob, completeDelete, failJob, submitJob } from "./transitions.ts";

describe("job transitions: guarded, with an event for each", () => {
  let database: TestDatabase;
  let db: Db;
  let keyId: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrismaClient(database.url, { max: 4 });
    const connection = await db.sapConnection.create({
      data: {
        name: "c",
        apiEndpoint: "http://127.0.0.1:1",
        apiKey: "k",
        secretCiphertext: new Uint8Array(1),
        secretNonce: new Uint8Array(1),
        secretTag: new Uint8Array(1),
        secretWrappedDek: new Uint8Array(1),
        secretKekId: "k",
      },
    });
    const group = await db.sapGroup.create({
      data: { connectionId: connection.id, sapGroupId: randomUUID(), name: "g" },
    });
    keyId = (
      await db.sapKey.create({
        data: { connectionId: connection.id, groupId: group.id, sapKeyId: randomUUID(), name: "k", type: "AES" },
      })
    ).id;
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  const submit = (operation: "delete" | "restore") =>
    submitJob(db, { keyId, operation, deleteIfBackupFails: false, creatorId: "u", creatorName: "alice" });

  async function refusal(promise: Promise<unknown>): Promise<string> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(JobError);
    return (error as JobError).code;
  }

  it("moves PENDING → IN_PROGRESS → DONE once, logs each move, and leaves a finished job alone", async () => {
    const job = await submit("delete");
    expect(job.state).toBe("PENDING");
    expect(await refusal(submit("delete"))).toBe("JOB_ACTIVE");
    expect((await claimJob(db, job.id, "w1"))?.state).toBe("IN_PROGRESS");
    expect((await claimJob(db, job.id, "w2"))?.attempts).toBe(2); // a redelivery claims again
    expect(await completeDelete(db, job.id, "w2", null)).toBe(true);
    expect(await completeDelete(db, job.id, "w2", null)).toBe(false);
    expect(await claimJob(db, job.id, "w3")).toBeNull();
    expect(await failJob(db, job.id, "w3", { code: "X", message: "late" })).toBe(false);
    const after = await db.sapKeyJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(after).toMatchObject({ state: "DONE", errorCode: null });
    const events = await db.sapKeyJobEvent.findMany({ where: { jobId: job.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.fromState, e.toState, e.actor])).toEqual([
      [null, "PENDING", "alice"],
      ["PENDING", "IN_PROGRESS", "w1"],
      ["IN_PROGRESS", "DONE", "w2"],
    ]);
    expect((await db.sapKey.findUniqueOrThrow({ where: { id: keyId } })).gone).toBe(true);
  });

  it("refuses what the key's state forbids", async () => {
    expect(await refusal(submit("delete"))).toBe("KEY_GONE");
    expect(await refusal(submit("restore"))).toBe("NO_BACKUP");
    expect(
      await refusal(
        submitJob(db, {
          keyId: randomUUID(),
          operation: "delete",
          deleteIfBackupFails: false,
          creatorId: "u",
          creatorName: "a",
        }),
      ),
    ).toBe("KEY_NOT_FOUND");
  });

  it("fails an active job once, with its code and the event", async () => {
    await db.sapKey.update({ where: { id: keyId }, data: { gone: false } });
    const job = await submit("delete");
    expect(
      await failJob(db, job.id, "w", { code: "BACKUP_FAILED", message: "no export", backupStatus: "failed" }),
    ).toBe(true);
    expect(await failJob(db, job.id, "w", { code: "OTHER", message: "again" })).toBe(false);
    expect(await db.sapKeyJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      state: "FAILED",
      errorCode: "BACKUP_FAILED",
      backupStatus: "failed",
      error: "no export",
    });
    const last = await db.sapKeyJobEvent.findFirst({ where: { jobId: job.id }, orderBy: { id: "desc" } });
    expect(last).toMatchObject({ fromState: "PENDING", toState: "FAILED", errorCode: "BACKUP_FAILED" });
  });
});
