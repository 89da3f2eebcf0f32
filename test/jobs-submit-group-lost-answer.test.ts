import { randomUUID } from "node:crypto";
import { createPool, createPrismaClient, type Db, type Pool } from "@cckm/db";
import { createSubmitGroup, JobError, type SubmitInput } from "@cckm/jobs";
import { createTestDatabase, insertInventoryStub, type TestDatabase } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PgLostAnswerProxy, startPgLostAnswerProxy } from "./support/pg-lost-answer.ts";

// The group submit's pool goes through a proxy that lets the grouped submit statement run and commit,
// then swallows its answer and drops the connection: the submits rerun alone and meet their own jobs.
describe("a grouped submit that committed but whose answer was lost", () => {
  let database: TestDatabase;
  let proxy: PgLostAnswerProxy;
  let proxied: Pool;
  let direct: Pool;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase();
    const url = new URL(database.url);
    proxy = await startPgLostAnswerProxy(Number(url.port || 5432));
    url.port = String(proxy.port);
    proxied = createPool(url.toString(), { max: 4, onError: () => {} });
    direct = createPool(database.url, { max: 2 });
    db = createPrismaClient(direct);
  });
  afterAll(async () => {
    await proxied.end();
    await db.$disconnect();
    await direct.end();
    await proxy.close();
    await database.drop();
  });

  it("answers 'a job is already active' for jobs that exist: each key has exactly its one job, event and audit record", async () => {
    const stub = await insertInventoryStub(db);
    const keys = [(await stub.key("lost-a")).id, (await stub.key("lost-b")).id];
    const input = (keyId: string): SubmitInput => ({
      keyId,
      operation: "delete",
      deleteIfBackupFails: false,
      creatorId: "u-1",
      creatorName: "alice",
      audit: { requestId: randomUUID(), action: "job.delete.submit", status: 201, detail: {} },
    });
    const submit = createSubmitGroup(proxied);
    const lost = proxy.loseAnswerTo("cckm_submit_jobs");
    const answers = await Promise.allSettled(keys.map((k) => submit(input(k))));
    expect(await lost).toEqual({ failed: false, status: "I" });
    expect(
      answers.map((a) => (a.status === "rejected" && a.reason instanceof JobError ? a.reason.code : a.status)),
    ).toEqual(["JOB_ACTIVE", "JOB_ACTIVE"]);
    // Nothing lost, nothing doubled: the committed jobs are the keys' active ones, the reconciler's to enqueue.
    const jobs = await db.sapKeyJob.findMany({ where: { cckmKeyId: { in: keys } } });
    expect(jobs.map((j) => [j.cckmKeyId, j.state]).sort()).toEqual(keys.map((k) => [k, "PENDING"]).sort());
    const ids = jobs.map((j) => j.id);
    expect(await db.sapKeyJobEvent.count({ where: { jobId: { in: ids } } })).toBe(2);
    expect(await db.auditRecord.count({ where: { resourceId: { in: ids } } })).toBe(2);
  });
});
