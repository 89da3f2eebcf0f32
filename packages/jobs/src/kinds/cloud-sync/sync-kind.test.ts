import { randomBytes } from "node:crypto";
import { createKeyring } from "@cckm/crypto";
import { createPool, createPrismaClient, type Db, JobState, type Pool } from "@cckm/db";
import { AwsClients, addAwsConnection, addAwsKms } from "@cckm/inventory";
import { createLogger } from "@cckm/log";
import { awsKms, createTestDatabase, insertInventoryStub, ociVaults, type TestDatabase } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TransientError } from "../../engine/errors.ts";
import type { AnyJobKind, RunContext } from "../../engine/kind.ts";
import { JobError } from "../../errors.ts";
import { submitAwsSync } from "../aws/aws-sync-sql.ts";
import { awsSyncKind, cancelAwsSync } from "../aws-sync.ts";
import { submitOciSync } from "../oci/oci-sync-sql.ts";
import { cancelOciSync, ociSyncKind } from "../oci-sync.ts";
import { cancelSync, sapSyncKind } from "../sap-sync.ts";
import { submitSync } from "../sync/submit-sync.ts";
import type { CancelSyncOutcome } from "./sync-job-sql.ts";

const creator = { creatorId: "u", creatorName: "alice" };

// The one sync mechanism, through the three clouds' kinds: the same claim, cancel, end and failure.
describe("the sync kind of every cloud", () => {
  let database: TestDatabase;
  let pool: Pool;
  let db: Db;
  const log = createLogger("test", "silent");
  const context = (services: object): RunContext<never> => {
    const made = { services, db: pool, actor: "test", log, counters: {}, final: false, mayWait: false };
    return made as unknown as RunContext<never>;
  };
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, { max: 4 });
    db = createPrismaClient(pool);
  });
  afterAll(async () => {
    await db.$disconnect();
    await pool.end();
    await database.drop();
  });

  interface Cloud {
    kind: AnyJobKind;
    cancel(db: Pool, id: string): Promise<CancelSyncOutcome>;
    submit(): Promise<string>;
    table: "syncJob" | "awsSyncJob" | "ociSyncJob";
    nothing: unknown;
    operation: string;
  }
  const clouds: Record<string, () => Promise<Cloud>> = {
    sap: async () => {
      const { connectionId } = await insertInventoryStub(db);
      return {
        kind: sapSyncKind,
        cancel: cancelSync,
        submit: () => submitSync(pool, { connectionId, groups: [], ...creator }),
        table: "syncJob",
        nothing: { groups: [] },
        operation: "sync",
      };
    },
    aws: async () => {
      const kms = await awsKms(db);
      return {
        kind: awsSyncKind,
        cancel: cancelAwsSync,
        submit: () => submitAwsSync(pool, { kmsIds: [kms.id], synchronizeAll: false, ...creator }),
        table: "awsSyncJob",
        nothing: { kms: [] },
        operation: "aws-sync",
      };
    },
    oci: async () => {
      const [vault] = await ociVaults(db, [`v${randomBytes(4).toString("hex")}`]);
      const connectionId = vault?.connectionId as string;
      return {
        kind: ociSyncKind,
        cancel: cancelOciSync,
        submit: () => submitOciSync(pool, { connectionId, vaults: [], compartments: [], ...creator }),
        table: "ociSyncJob",
        nothing: { vaults: [] },
        operation: "oci-sync",
      };
    },
  };
  type Table = { findUniqueOrThrow(a: unknown): Promise<Record<string, unknown>> };
  const row = (cloud: Pick<Cloud, "table">, id: string) =>
    (db[cloud.table] as unknown as Table).findUniqueOrThrow({ where: { id } });

  const each = it.each(Object.keys(clouds));
  each("%s: a cancel before the run ends it completed, once; a claim after finds it finished", async (name) => {
    const cloud = await (clouds[name] as () => Promise<Cloud>)();
    const id = await cloud.submit();
    expect(await cloud.cancel(pool, id)).toBe("cancelled");
    const claim = await cloud.kind.claim(pool, id, "test", { db });
    expect(claim).toMatchObject({ outcome: "claimed", claimed: { id, abort: true } });
    const claimed = (claim as { claimed: unknown }).claimed;
    const ended = await cloud.kind.run(claimed, context({ db }));
    expect(ended).toMatchObject({ state: JobState.DONE, operation: cloud.operation });
    expect(await row(cloud, id)).toMatchObject({ overallStatus: "completed", details: cloud.nothing, error: null });
    expect(await cloud.kind.run(claimed, context({ db }))).toBeNull();
    expect(await cloud.kind.claim(pool, id, "test", { db })).toEqual({ outcome: "finished" });
    expect(await cloud.cancel(pool, id)).toBe("ended");
    expect(await cloud.cancel(pool, "00000000-0000-4000-8000-000000000000")).toBe("not_found");
    expect(await cloud.kind.claim(pool, "00000000-0000-4000-8000-000000000000", "test", { db })).toEqual({
      outcome: "missing",
    });
  });

  each("%s: a final failure records its code and keeps the details; a second one finds it ended", async (name) => {
    const cloud = await (clouds[name] as () => Promise<Cloud>)();
    const id = await cloud.submit();
    const failure = { code: "X_CODE", message: "it broke" };
    expect(await cloud.kind.fail(pool, id, "test", failure, { db })).toMatchObject({ state: JobState.FAILED });
    expect(await row(cloud, id)).toMatchObject({
      overallStatus: "failed",
      details: cloud.nothing,
      error: "X_CODE: it broke",
    });
    expect(await cloud.kind.fail(pool, id, "test", failure, { db })).toBeNull();
    // One running sync at a time, and an ended one holds nothing: the next is accepted.
    await cloud.submit().then((next) => cloud.cancel(pool, next));
  });

  it("aws: a KMS being synchronized refuses a second sync until the first ends", async () => {
    const cloud = await (clouds.aws as () => Promise<Cloud>)();
    const id = await cloud.submit();
    await expect(cloud.submit()).rejects.toThrow(JobError);
    await cloud.kind.fail(pool, id, "test", { code: "X", message: "x" }, { db });
    expect(await cloud.submit()).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("aws: the provider's error is the engine's, named AWS_<code> and retried when transient", async () => {
    const keyring = createKeyring({ id: "kek-test", base64: randomBytes(32).toString("base64") });
    const connection = await addAwsConnection(db, keyring, {
      name: "unreachable",
      accessKeyId: "AKIAUNREACHABLE00001",
      secretAccessKey: "not-a-secret-at-all-0000000000000000000",
      awsRegion: "us-east-1",
      endpoint: "http://127.0.0.1:1",
    });
    const kms = await addAwsKms(db, {
      name: "unreachable",
      accountId: "111122223333",
      regions: ["us-east-1"],
      connectionId: connection.id,
    });
    const id = await submitAwsSync(pool, { kmsIds: [kms.id], synchronizeAll: false, ...creator });
    const awsClients = new AwsClients(keyring, { allowPrivateEndpoints: true, maxAttempts: 1, timeoutMs: 2000 });
    try {
      const claim = await awsSyncKind.claim(pool, id, "test", { db, awsClients });
      if (claim.outcome !== "claimed") throw new Error(`not claimed: ${claim.outcome}`);
      const run = awsSyncKind.run(claim.claimed, context({ db, awsClients }));
      const error = await run.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TransientError);
      expect(error).toMatchObject({ code: "AWS_NETWORK", retryable: true });
      expect(await row({ table: "awsSyncJob" }, id)).toMatchObject({ overallStatus: "in_progress" });
    } finally {
      awsClients.close();
    }
  });
});
