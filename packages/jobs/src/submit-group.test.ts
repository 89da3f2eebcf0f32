import { randomUUID } from "node:crypto";
import { createPool, createPrismaClient, type Db, type Pool } from "@cckm/db";
import { createTestDatabase, insertInventoryStub, type TestDatabase } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JobError } from "./errors.ts";
import { type SubmitInput, submitJob } from "./sql/index.ts";
import { submitJobs } from "./sql/submit-jobs.ts";
import { createSubmitGroup } from "./submit-group.ts";

describe("group submit: the submits that arrive together share one statement", () => {
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

  const input = (keyId: string, operation: "delete" | "restore" = "delete"): SubmitInput => ({
    keyId,
    operation,
    deleteIfBackupFails: false,
    creatorId: "u-1",
    creatorName: "alice",
    audit: { requestId: randomUUID(), action: `job.${operation}.submit`, status: 201, detail: { n: 1 } },
  });
  const keys = (n: number, prefix: string) =>
    Promise.all(Array.from({ length: n }, (_, i) => stub.key(`${prefix}-${i}`).then((k) => k.id)));
  const outcome = (p: Promise<{ id: string }>) =>
    p.then(
      () => "ok",
      (e: unknown) => (e instanceof JobError ? e.code : String(e)),
    );
  const txOf = async (jobIds: string[]) =>
    (await pool.query<{ tx: string }>("SELECT xmin::text AS tx FROM sap_key_jobs WHERE id = ANY($1)", [jobIds])).rows;

  it("records each of many concurrent submits once, with its event and audit record, in fewer commits than jobs", async () => {
    const submit = createSubmitGroup(pool);
    const ids = await keys(24, "many");
    const inputs = ids.map((id) => input(id));
    const jobs = await Promise.all(inputs.map(submit));
    expect(jobs.map((j) => j.cckmKeyId)).toEqual(ids);
    expect(jobs.every((j) => j.state === "PENDING" && j.creatorName === "alice")).toBe(true);
    const jobIds = jobs.map((j) => j.id);
    expect(await db.sapKeyJobEvent.count({ where: { jobId: { in: jobIds } } })).toBe(24);
    const audits = await db.auditRecord.findMany({ where: { resourceId: { in: jobIds } } });
    expect(audits.map((a) => a.requestId).sort()).toEqual(inputs.map((i) => i.audit?.requestId).sort());
    expect(new Set((await txOf(jobIds)).map((r) => r.tx)).size).toBeLessThan(24);
  });

  it("answers each submit of a mixed group as it would alone", async () => {
    const submit = createSubmitGroup(pool);
    const [busy, fresh, twice, gone] = await keys(4, "mixed");
    const active = await submitJob(pool, input(busy as string));
    await db.sapKey.update({ where: { id: gone as string }, data: { gone: true } });
    const answers = await Promise.all(
      [
        input(busy as string),
        input(fresh as string),
        input(randomUUID()),
        input(gone as string),
        input(fresh as string, "restore"),
        input(twice as string),
        input(twice as string),
      ].map((i) => outcome(submit(i))),
    );
    expect(answers.slice(0, 5)).toEqual(["JOB_ACTIVE", "ok", "KEY_NOT_FOUND", "KEY_GONE", "KEY_NOT_GONE"]);
    // Two submits of one key together: one is recorded, the other meets it (whichever came first).
    expect(answers.slice(5).sort()).toEqual(["JOB_ACTIVE", "ok"]);
    // The key's active job is untouched; one active job per key, whatever arrived together.
    expect((await db.sapKeyJob.findUnique({ where: { id: active.id } }))?.state).toBe("PENDING");
    for (const key of [busy, fresh, twice]) {
      expect(await db.sapKeyJob.count({ where: { cckmKeyId: key as string, state: "PENDING" } })).toBe(1);
    }
  });

  it("leaves a submit its statement skipped to run alone: no row for it, the others recorded", async () => {
    const [busy, free] = await keys(2, "skipped");
    await submitJob(pool, input(busy as string));
    const made = await submitJobs(pool, [input(busy as string), input(free as string)]);
    expect(made[0]).toBeNull();
    expect(made[1]).toMatchObject({ cckmKeyId: free, state: "PENDING" });
  });
});
