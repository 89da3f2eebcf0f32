import { randomBytes, randomUUID } from "node:crypto";
import { createKeyring } from "@cckm/crypto";
import { createPool, createPrismaClient, type Db, type Pool } from "@cckm/db";
import {
  backUpKey,
  claimJob,
  completeDelete,
  type ProcedureDeps,
  rotatingExportKey,
  runDelete,
  submitJob,
} from "@cckm/jobs";
import type { SapKmsClient } from "@cckm/sap-kms-client";
import { createTestDatabase, insertInventoryStub, type TestDatabase } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SapKmsProcess, startSapKms } from "./support/sap-kms-process.ts";

// Two attempts of one delete job at once (BullMQ hands a stalled job to a second worker while the
// first still runs it), driven step by step against the simulator over HTTP and a real database.
describe("two attempts of one delete job, interleaved", () => {
  let sim: SapKmsProcess;
  let client: SapKmsClient;
  let database: TestDatabase;
  let pool: Pool;
  let db: Db;
  let deps: ProcedureDeps;
  beforeAll(async () => {
    sim = await startSapKms();
    client = sim.client();
    database = await createTestDatabase();
    pool = createPool(database.url, { max: 4 });
    db = createPrismaClient(pool);
    deps = {
      pool,
      keyring: createKeyring({ id: "kek-race", base64: randomBytes(32).toString("base64") }),
      exportKey: rotatingExportKey(),
      clientFor: () => client,
      actor: "attempt-b",
      log: () => {},
    };
  });
  afterAll(async () => {
    await db.$disconnect();
    await pool.end();
    await database.drop();
    await sim.stop();
  });

  it.each([
    ["after SAP deleted the key (its export fails)", true],
    ["before SAP's delete (its own backup collides with the other's)", false],
  ])("the later attempt takes the earlier one's backup %s: DONE, never FAILED", async (_, sapDeleted) => {
    const group = await sim.admin.createGroup(`race-${randomUUID().slice(0, 8)}`);
    const sapKey = await client.createKey({
      name: "raced",
      groupId: group.id,
      type: "AES",
      size: 256,
      exportable: true,
    });
    const inventory = await insertInventoryStub(db);
    const key = await inventory.key(`raced-${sapDeleted}`);
    await db.sapKey.update({ where: { id: key.id }, data: { sapKeyId: sapKey.id } });
    const job = await submitJob(pool, {
      keyId: key.id,
      operation: "delete",
      deleteIfBackupFails: false,
      creatorId: "u",
      creatorName: "alice",
    });

    // B claims first; its view of the job's backup is "none yet".
    const claimB = await claimJob(pool, job.id, "attempt-b");
    if (claimB.outcome !== "claimed" || !claimB.context) throw new Error("B did not claim");
    expect(claimB.context.ownBackup).toBeNull();

    // A claims, backs up, and deletes the key in SAP, and has not completed yet.
    const claimA = await claimJob(pool, job.id, "attempt-a");
    if (claimA.outcome !== "claimed" || !claimA.context) throw new Error("A did not claim");
    const backupId = await backUpKey(
      { ...deps, client },
      {
        jobId: job.id,
        cckmKeyId: key.id,
        sapKeyId: sapKey.id,
        keyType: "AES",
        ownBackup: claimA.context.ownBackup,
      },
    );
    if (sapDeleted) await client.deleteKey(sapKey.id);

    // B goes on from its stale view: it must take A's proven backup, not fail the job or make another.
    expect(await runDelete(deps, claimB, { final: true })).toMatchObject({ state: "DONE" });
    expect(await completeDelete(pool, job.id, "attempt-a", backupId)).toBeNull(); // A finds it done
    expect(await db.sapKeyJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
      state: "DONE",
      backupStatus: "done",
    });
    expect(await db.sapKey.findUniqueOrThrow({ where: { id: key.id } })).toMatchObject({ gone: true, backupId });
    expect(await db.keyBackup.count({ where: { jobId: job.id } })).toBe(1);
  });
});
