import { randomBytes, randomUUID } from "node:crypto";
import { backupAad, createKeyring, seal, sha256Hex } from "@cckm/crypto";
import { createPool, createPrismaClient, type Db, type Pool } from "@cckm/db";
import { createTestDatabase, insertInventoryStub, type TestDatabase } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGroupCommit } from "./group-commit.ts";
import { claimJob, commitProvenBackups, failJob, type ProvenBackup, submitJob, withAttemptLock } from "./sql/index.ts";

const keyring = createKeyring({ id: "kek-1", base64: randomBytes(32).toString("base64") });

describe("group commit: several attempts' backups and completions in one statement each", () => {
  let database: TestDatabase;
  let pool: Pool;
  let db: Db;
  let stub: Awaited<ReturnType<typeof insertInventoryStub>>;
  /** The names of the prepared statements the group commit sent on its own connection. */
  const grouped: string[] = [];
  let spied: Pool;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, { max: 12 });
    db = createPrismaClient(pool);
    stub = await insertInventoryStub(db);
    spied = {
      query: (config: { name?: string }, values?: unknown[]) => {
        grouped.push(config.name ?? "?");
        return pool.query(config as never, values as never);
      },
    } as unknown as Pool;
  });
  afterAll(async () => {
    await db.$disconnect();
    await pool.end();
    await database.drop();
  });

  async function claimed(name: string) {
    const keyId = (await stub.key(name)).id;
    const job = await submitJob(pool, {
      keyId,
      operation: "delete",
      deleteIfBackupFails: false,
      creatorId: "u",
      creatorName: "alice",
    });
    await claimJob(pool, job.id, "w");
    return { keyId, jobId: job.id };
  }

  function backupOf(keyId: string, jobId: string, versions = 2): ProvenBackup {
    return {
      id: randomUUID(),
      jobId,
      sapKeyId: `sap-${jobId}`,
      keyType: "AES",
      versions: Array.from({ length: versions }, (_, version) => {
        const material = randomBytes(32);
        return { version, ...seal(material, backupAad(keyId, version), keyring), digest: sha256Hex(material) };
      }),
    };
  }

  it("commits each backup proven and each delete DONE, in one statement per step for the lot", async () => {
    const commits = createGroupCommit(spied, { windowMs: 50 });
    const jobs = await Promise.all(["g1", "g2", "g3", "g4"].map(claimed));
    grouped.length = 0;
    const ended = await Promise.all(
      jobs.map(({ keyId, jobId }) =>
        withAttemptLock(pool, jobId, async (attempt) => {
          const backup = backupOf(keyId, jobId);
          expect(await commits.commitBackup(attempt, backup)).toBe(true);
          // What this attempt goes on with is committed: another connection sees it proven.
          const seen = await pool.query("SELECT proven_at FROM key_backups WHERE id = $1", [backup.id]);
          expect(seen.rows[0]?.proven_at).toBeInstanceOf(Date);
          return commits.completeDelete(attempt, jobId, "w", backup.id);
        }),
      ),
    );
    expect(ended.map((e) => e?.state)).toEqual(["DONE", "DONE", "DONE", "DONE"]);
    expect(grouped).toEqual(["cckm_commit_backups", "cckm_complete_deletes"]);
    for (const { keyId, jobId } of jobs) {
      const key = await db.sapKey.findUniqueOrThrow({ where: { id: keyId } });
      const backup = await db.keyBackup.findUniqueOrThrow({ where: { jobId }, include: { versions: true } });
      expect(key).toMatchObject({ gone: true, backupId: backup.id });
      expect(backup.versions).toHaveLength(2);
      const events = await db.sapKeyJobEvent.findMany({ where: { jobId }, orderBy: { id: "asc" } });
      expect(events.map((e) => e.toState)).toEqual(["PENDING", "IN_PROGRESS", "DONE"]);
    }
  });

  it("skips an entry whose connection does not hold its key's attempt lock, or whose job no longer runs", async () => {
    const [held, unheld, ended] = await Promise.all(["s1", "s2", "s3"].map(claimed));
    if (!held || !unheld || !ended) throw new Error("no jobs");
    await failJob(pool, ended.jobId, "reconciler", { code: "QUEUE_FAILED", message: "gone" });
    const committed = await withAttemptLock(pool, held.jobId, async (attempt) => {
      const { rows } = await attempt.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      const lockPid = rows[0]?.pid ?? 0;
      return commitProvenBackups(pool, [
        { lockPid, backup: backupOf(held.keyId, held.jobId) },
        { lockPid, backup: backupOf(unheld.keyId, unheld.jobId) }, // its lock is nobody's
        { lockPid, backup: backupOf(ended.keyId, ended.jobId) },
      ]);
    });
    expect([...committed]).toEqual([held.jobId]);
    const count = await pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM key_backups WHERE job_id = ANY($1::uuid[])",
      [[unheld.jobId, ended.jobId]],
    );
    expect(count.rows[0]?.n).toBe(0);
  });

  it("when the grouped statement fails, runs each entry alone: one corrupt backup fails by itself", async () => {
    const commits = createGroupCommit(spied, { windowMs: 50 });
    const jobs = await Promise.all(["c1", "c2", "c3"].map(claimed));
    const corrupt = jobs[1]?.jobId ?? "";
    // A change on the way in for one job's versions (as a faulty driver or trigger would make).
    await pool.query(`CREATE FUNCTION spoil() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM key_backups b WHERE b.id = NEW.backup_id AND b.job_id = '${corrupt}') THEN
          NEW.ciphertext := NEW.ciphertext || '\\x00'::bytea;
        END IF;
        RETURN NEW;
      END $$`);
    await pool.query("CREATE TRIGGER spoil BEFORE INSERT ON key_backup_versions FOR EACH ROW EXECUTE FUNCTION spoil()");
    try {
      grouped.length = 0;
      const outcomes = await Promise.all(
        jobs.map(({ keyId, jobId }) =>
          withAttemptLock(pool, jobId, (attempt) =>
            commits.commitBackup(attempt, backupOf(keyId, jobId)).then(
              (ok) => String(ok),
              (e: { code?: string }) => e.code ?? "error",
            ),
          ),
        ),
      );
      expect(grouped).toEqual(["cckm_commit_backups"]);
      expect(outcomes).toEqual(["true", "BACKUP_CORRUPT", "true"]);
      const stored = await pool.query<{ job_id: string }>(
        "SELECT job_id FROM key_backups WHERE job_id = ANY($1::uuid[]) ORDER BY job_id",
        [jobs.map((j) => j.jobId)],
      );
      const intact = jobs.map((j) => j.jobId).filter((id) => id !== corrupt);
      expect(stored.rows.map((r) => r.job_id).sort()).toEqual(intact.sort());
    } finally {
      await pool.query("DROP TRIGGER spoil ON key_backup_versions");
    }
  });
});
