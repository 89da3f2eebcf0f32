import { randomUUID } from "node:crypto";
import { createPool, createPrismaClient, type Db, type Pool } from "@cckm/db";
import { createTestDatabase, insertInventoryStub, type TestDatabase } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JobError } from "../errors.ts";
import {
  claimJob,
  commitProvenBackup,
  completeDelete,
  dropUnprovenBackup,
  failJob,
  readOwnBackup,
  type SealedVersion,
  submitJob,
} from "./index.ts";

describe("job transitions: guarded, with an event for each", () => {
  let database: TestDatabase;
  let pool: Pool;
  let db: Db;
  let keyId: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, { max: 4 });
    db = createPrismaClient(pool);
    keyId = (await (await insertInventoryStub(db)).key("k")).id;
  });
  afterAll(async () => {
    await db.$disconnect();
    await pool.end();
    await database.drop();
  });

  const submit = (operation: "delete" | "restore") =>
    submitJob(pool, { keyId, operation, deleteIfBackupFails: false, creatorId: "u", creatorName: "alice" });

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
    expect(await claimJob(pool, job.id, "w1")).toMatchObject({ outcome: "claimed", job: { state: "IN_PROGRESS" } });
    // a redelivery claims again, counting the attempt
    expect(await claimJob(pool, job.id, "w2")).toMatchObject({ outcome: "claimed", job: { attempts: 2 } });
    expect(await completeDelete(pool, job.id, "w2", null)).toMatchObject({ state: "DONE", operation: "delete" });
    expect(await completeDelete(pool, job.id, "w2", null)).toBeNull();
    expect(await claimJob(pool, job.id, "w3")).toEqual({ outcome: "finished" });
    expect(await claimJob(pool, randomUUID(), "w3")).toEqual({ outcome: "missing" });
    expect(await failJob(pool, job.id, "w3", { code: "X", message: "late" })).toBeNull();
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
        submitJob(pool, {
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
      await failJob(pool, job.id, "w", { code: "BACKUP_FAILED", message: "no export", backupStatus: "failed" }),
    ).toMatchObject({ state: "FAILED" });
    expect(await failJob(pool, job.id, "w", { code: "OTHER", message: "again" })).toBeNull();
    expect(await db.sapKeyJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      state: "FAILED",
      errorCode: "BACKUP_FAILED",
      backupStatus: "failed",
      error: "no export",
    });
    const last = await db.sapKeyJobEvent.findFirst({ where: { jobId: job.id }, orderBy: { id: "desc" } });
    expect(last).toMatchObject({ fromState: "PENDING", toState: "FAILED", errorCode: "BACKUP_FAILED" });
  });

  const sealed = (version: number): SealedVersion => ({
    version,
    ciphertext: Buffer.from(`ciphertext-${version}`),
    nonce: Buffer.alloc(12, version),
    tag: Buffer.alloc(16, 7),
    wrappedDek: Buffer.alloc(60, 9),
    kekId: "kek-1",
    digest: `digest-${version}`,
  });

  async function runningDelete(): Promise<string> {
    await db.sapKey.update({ where: { id: keyId }, data: { gone: false } });
    const job = await submit("delete");
    await claimJob(pool, job.id, "w");
    return job.id;
  }

  it("commits a backup proven, with the job's backup status, and the delete moves the key onto it", async () => {
    const earlier = await runningDelete();
    await commitProvenBackup(pool, {
      id: randomUUID(),
      jobId: earlier,
      sapKeyId: "s",
      keyType: "AES",
      versions: [sealed(0)],
    });
    await completeDelete(pool, earlier, "w", (await db.keyBackup.findUniqueOrThrow({ where: { jobId: earlier } })).id);

    const jobId = await runningDelete();
    const id = randomUUID();
    expect(
      await commitProvenBackup(pool, { id, jobId, sapKeyId: "s", keyType: "AES", versions: [sealed(0), sealed(1)] }),
    ).toBe(true);
    const backup = await db.keyBackup.findUniqueOrThrow({ where: { id }, include: { versions: true } });
    expect(backup.provenAt).not.toBeNull();
    expect(backup.versions.map((v) => [v.version, Buffer.from(v.ciphertext).toString()])).toEqual([
      [0, "ciphertext-0"],
      [1, "ciphertext-1"],
    ]);
    expect((await db.sapKeyJob.findUniqueOrThrow({ where: { id: jobId } })).backupStatus).toBe("done");

    await completeDelete(pool, jobId, "w", id);
    expect(await db.sapKey.findUniqueOrThrow({ where: { id: keyId } })).toMatchObject({ gone: true, backupId: id });
    expect((await db.keyBackup.findMany({ where: { keyId } })).map((b) => b.id)).toEqual([id]); // the older one dropped
  });

  it("writes no backup for a job that no longer runs", async () => {
    const jobId = await runningDelete();
    await failJob(pool, jobId, "w", { code: "X", message: "ended elsewhere" });
    const id = randomUUID();
    expect(await commitProvenBackup(pool, { id, jobId, sapKeyId: "s", keyType: "AES", versions: [sealed(0)] })).toBe(
      false,
    );
    expect(await db.keyBackup.findUnique({ where: { id } })).toBeNull();
  });

  it("commits nothing when the table does not hold the proven bytes", async () => {
    const jobId = await runningDelete();
    // A trigger that flips a byte on the way in stands for storage that does not keep what it was given.
    await pool.query(`
      CREATE FUNCTION corrupt_backup() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN NEW.ciphertext := set_byte(NEW.ciphertext, 0, get_byte(NEW.ciphertext, 0) # 1); RETURN NEW; END $$;
      CREATE TRIGGER corrupt BEFORE INSERT ON key_backup_versions FOR EACH ROW EXECUTE FUNCTION corrupt_backup();`);
    try {
      const id = randomUUID();
      const error = await commitProvenBackup(pool, { id, jobId, sapKeyId: "s", keyType: "AES", versions: [sealed(0)] })
        .then(() => undefined)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "BACKUP_CORRUPT" });
      expect(await db.keyBackup.findUnique({ where: { id } })).toBeNull();
      expect((await db.sapKeyJob.findUniqueOrThrow({ where: { id: jobId } })).backupStatus).toBe("none");
    } finally {
      await pool.query("DROP TRIGGER corrupt ON key_backup_versions; DROP FUNCTION corrupt_backup()");
    }
  });

  it("keeps working in a running process when a migration adds a column (named columns, not *)", async () => {
    const single = createPool(database.url, { max: 1 }); // one connection: the statements stay prepared on it
    try {
      await db.sapKey.update({ where: { id: keyId }, data: { gone: false } });
      await db.sapKeyJob.updateMany({
        where: { cckmKeyId: keyId, state: { in: ["PENDING", "IN_PROGRESS"] } },
        data: { state: "FAILED" },
      });
      const job = await submitJob(single, {
        keyId,
        operation: "delete",
        deleteIfBackupFails: false,
        creatorId: "u",
        creatorName: "a",
      });
      expect((await claimJob(single, job.id, "w")).outcome).toBe("claimed");
      await pool.query("ALTER TABLE sap_key_jobs ADD COLUMN added_later INT");
      expect((await claimJob(single, job.id, "w")).outcome).toBe("claimed");
      expect(await failJob(single, job.id, "w", { code: "X", message: "done with it" })).toMatchObject({
        state: "FAILED",
      });
      await db.sapKey.update({ where: { id: keyId }, data: { gone: false } });
      expect(
        (
          await submitJob(single, {
            keyId,
            operation: "delete",
            deleteIfBackupFails: false,
            creatorId: "u",
            creatorName: "a",
          })
        ).state,
      ).toBe("PENDING");
    } finally {
      await pool.query("ALTER TABLE sap_key_jobs DROP COLUMN IF EXISTS added_later");
      await single.end();
    }
  });

  it("a submission caught in a deadlock with a completing worker runs again and gets its real answer", async () => {
    await db.sapKey.update({ where: { id: keyId }, data: { gone: false } });
    await db.sapKeyJob.updateMany({
      where: { cckmKeyId: keyId, state: { in: ["PENDING", "IN_PROGRESS"] } },
      data: { state: "FAILED" },
    });
    const active = await submit("delete");
    await claimJob(pool, active.id, "w");
    // A worker's completion, held open: it has the job row and will want the key row.
    const worker = await pool.connect();
    try {
      await worker.query("BEGIN");
      // The submission must be the deadlock's victim, as in production where it is the one that waits
      // first: the worker looks for deadlocks only after 60 s, the submission after the default 1 s
      // (under load, the two checks could otherwise come in either order).
      await worker.query("SET LOCAL deadlock_timeout = '60s'");
      await worker.query("UPDATE sap_key_jobs SET state = 'DONE', completed_at = now() WHERE id = $1", [active.id]);
      // The submission locks the key row, then waits for the worker's transaction on the unique index.
      const submission = submit("delete").then(
        (job) => ({ job }),
        (error: unknown) => ({ error }),
      );
      for (;;) {
        const { rows } = await pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        );
        if ((rows[0]?.n ?? 0) > 0) break;
      }
      // The worker now wants the key row: a deadlock, which Postgres breaks by aborting the submission.
      await worker.query("UPDATE sap_keys SET gone = true WHERE id = $1", [keyId]);
      await worker.query("COMMIT");
      const outcome = await submission;
      expect(outcome).toMatchObject({ error: { code: "KEY_GONE" } }); // run again after the worker committed
    } finally {
      await worker.query("ROLLBACK").catch(() => {});
      worker.release();
    }
  });

  it("drops a job's unproven backup (left by an older worker) and never a proven one", async () => {
    const jobId = await runningDelete();
    const unproven = randomUUID();
    await pool.query(
      `INSERT INTO key_backups (id, key_id, job_id, sap_key_id, key_type, version_count) VALUES ($1, $2, $3, 's', 'AES', 1)`,
      [unproven, keyId, jobId],
    );
    expect(await readOwnBackup(pool, jobId)).toEqual({ id: unproven, proven: false });
    await dropUnprovenBackup(pool, jobId);
    expect(await readOwnBackup(pool, jobId)).toBeNull();
    const proven = randomUUID();
    await commitProvenBackup(pool, { id: proven, jobId, sapKeyId: "s", keyType: "AES", versions: [sealed(0)] });
    await dropUnprovenBackup(pool, jobId);
    expect(await readOwnBackup(pool, jobId)).toEqual({ id: proven, proven: true });
  });
});
