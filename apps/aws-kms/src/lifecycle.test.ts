import { AwsKmsError } from "@cckm/aws-kms-client";
import { afterAll, describe, expect, it } from "vitest";
import { admin, DEMO, OTHER, simulators, testClock } from "./testing/harness.ts";
import { signedRequest } from "./testing/signed-request.ts";

const DAY = 86_400_000;
const sims = simulators();
afterAll(() => sims.closeAll());

/** The AwsKmsError a call fails with. */
async function failure(call: Promise<unknown>): Promise<AwsKmsError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AwsKmsError);
  return error as AwsKmsError;
}

describe("key lifecycle through the AWS SDK", () => {
  it("creates, describes and lists keys over several pages", async () => {
    const sim = await sims.start({ demoAccountId: undefined });
    const kms = sims.client(sim);
    const created = [];
    for (let i = 0; i < 7; i++) {
      created.push(await kms.createKey({ description: `key ${i}`, tags: { n: String(i), team: "unit" } }));
    }
    const first = created[0];
    expect(first).toMatchObject({
      AWSAccountId: DEMO.accountId,
      Arn: `arn:aws:kms:us-east-1:${DEMO.accountId}:key/${first?.KeyId}`,
      Enabled: true,
      KeyState: "Enabled",
      KeyUsage: "ENCRYPT_DECRYPT",
      KeySpec: "SYMMETRIC_DEFAULT",
      CustomerMasterKeySpec: "SYMMETRIC_DEFAULT",
      KeyManager: "CUSTOMER",
      Origin: "AWS_KMS",
      EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
      MultiRegion: false,
      Description: "key 0",
    });
    expect(first?.CreationDate).toBeInstanceOf(Date); // epoch seconds on the wire, read by the SDK
    const listed = await kms.listKeys({ pageSize: 2 });
    expect(listed.map((k) => k.KeyId)).toEqual(created.map((k) => k.KeyId));
    expect(sim.ctx.counter.total("ListKeys")).toBe(4); // 2 + 2 + 2 + 1
    const described = await kms.describeKey(first?.Arn ?? "");
    expect(described).toEqual(first);
    expect(await kms.listResourceTags(first?.KeyId ?? "")).toEqual([
      { TagKey: "n", TagValue: "0" },
      { TagKey: "team", TagValue: "unit" },
    ]);
    const policy = JSON.parse(await kms.getKeyPolicy(first?.KeyId ?? ""));
    expect(policy.Statement[0].Principal.AWS).toBe(`arn:aws:iam::${DEMO.accountId}:root`);
  });

  it("schedules deletion, cancels it (Disabled), enables the key again", async () => {
    const sim = await sims.start();
    const kms = sims.client(sim);
    const { KeyId: id = "" } = await kms.createKey();
    const scheduled = await kms.scheduleKeyDeletion(id, 7);
    expect(scheduled).toMatchObject({ keyState: "PendingDeletion", pendingWindowInDays: 7 });
    expect(scheduled.keyArn).toMatch(new RegExp(`:key/${id}$`));
    const pending = await kms.describeKey(id);
    expect(pending).toMatchObject({ KeyState: "PendingDeletion", Enabled: false });
    expect(pending.DeletionDate?.getTime()).toBe(scheduled.deletionDate?.getTime());
    expect(await kms.cancelKeyDeletion(id)).toEqual({ keyArn: scheduled.keyArn });
    const cancelled = await kms.describeKey(id);
    expect(cancelled).toMatchObject({ KeyState: "Disabled", Enabled: false });
    expect(cancelled.DeletionDate).toBeUndefined();
    await kms.enableKey(id);
    expect(await kms.describeKey(id)).toMatchObject({ KeyState: "Enabled", Enabled: true });
    await kms.disableKey(id);
    expect(await kms.describeKey(id)).toMatchObject({ KeyState: "Disabled", Enabled: false });
  });

  it("refuses invalid transitions and unknown keys with permanent, coded errors", async () => {
    const sim = await sims.start();
    const kms = sims.client(sim);
    const { KeyId: id = "" } = await kms.createKey();
    const notPending = await failure(kms.cancelKeyDeletion(id));
    expect(notPending).toMatchObject({ code: "INVALID_STATE", transient: false, awsCode: "KMSInvalidStateException" });
    expect(notPending.message).toContain("is not pending deletion");
    await kms.scheduleKeyDeletion(id, 30);
    for (const call of [kms.enableKey(id), kms.disableKey(id), kms.scheduleKeyDeletion(id, 7)]) {
      expect(await failure(call)).toMatchObject({ code: "INVALID_STATE", transient: false, status: 400 });
    }
    const unknown = "00000000-0000-4000-8000-000000000000";
    for (const call of [kms.describeKey(unknown), kms.enableKey(unknown), kms.describeKey("alias/nope")]) {
      expect(await failure(call)).toMatchObject({ code: "NOT_FOUND", transient: false, awsCode: "NotFoundException" });
    }
    // An alias names a key for DescribeKey only, as in AWS.
    await kms.createAlias("alias/unit", (await kms.createKey()).KeyId ?? "");
    expect((await kms.describeKey("alias/unit")).KeyState).toBe("Enabled");
    expect(await failure(kms.disableKey("alias/unit"))).toMatchObject({ code: "NOT_FOUND" });
    expect(await failure(kms.createAlias("alias/unit", id))).toMatchObject({ code: "INVALID_STATE" });
    expect(await failure(kms.scheduleKeyDeletion(id, 31))).toMatchObject({ code: "VALIDATION", transient: false });
    expect(sim.ctx.counter.total("ScheduleKeyDeletion", id)).toBe(2); // 31 was refused before any request
  });

  it("answers AWS's ValidationException for a window outside 7-30 days", async () => {
    const sim = await sims.start();
    const { KeyId } = await sims.client(sim).createKey();
    const answer = await signedRequest(sim.url, {
      target: "TrentService.ScheduleKeyDeletion",
      body: JSON.stringify({ KeyId, PendingWindowInDays: 6 }),
      key: DEMO,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.__type).toBe("ValidationException");
    expect(answer.body.message).toContain("'pendingWindowInDays' failed to satisfy constraint");
  });

  it("keeps keys per account and per region; another account's ARN is AccessDenied", async () => {
    const sim = await sims.start();
    const east = sims.client(sim);
    const west = sims.client(sim, { region: "us-west-2" });
    const other = sims.client(sim, { key: OTHER });
    const key = await east.createKey({ keySpec: "RSA_3072", keyUsage: "SIGN_VERIFY" });
    expect(key.SigningAlgorithms).toContain("RSASSA_PSS_SHA_256");
    expect((await west.listKeys()).length).toBe(0);
    expect(await failure(west.describeKey(key.KeyId ?? ""))).toMatchObject({ code: "NOT_FOUND" });
    expect(await other.listKeys()).toEqual([]);
    const denied = await failure(other.describeKey(key.Arn ?? ""));
    expect(denied).toMatchObject({ code: "ACCESS_DENIED", transient: false, awsCode: "AccessDeniedException" });
    const otherKey = await other.createKey();
    expect(otherKey.AWSAccountId).toBe(OTHER.accountId);
    expect((await east.listKeys()).map((k) => k.KeyId)).not.toContain(otherKey.KeyId);
  });

  it("seeds the demo account in two regions, in several states, with aliases", async () => {
    const sim = await sims.start();
    const east = sims.client(sim);
    const eu = sims.client(sim, { region: "eu-west-1" });
    const states = async (kms: typeof east) =>
      Promise.all((await kms.listKeys()).map(async (k) => (await kms.describeKey(k.KeyId ?? "")).KeyState));
    expect(new Set(await states(east))).toEqual(new Set(["Enabled", "Disabled", "PendingDeletion", "PendingImport"]));
    expect(await states(eu)).toContain("PendingDeletion");
    const aliases = await east.listAliases();
    expect(aliases.map((a) => a.AliasName)).toEqual(["alias/demo-app-data", "alias/demo-signing-rsa"]);
    const app = await east.describeKey("alias/demo-app-data");
    expect(await east.getKeyRotationStatus(app.KeyId ?? "")).toMatchObject({
      enabled: true,
      rotationPeriodInDays: 365,
    });
    expect(await east.listAliases({ keyId: app.Arn ?? "" })).toHaveLength(1);
    const again = await sims.start();
    expect((await sims.client(again).listKeys()).map((k) => k.KeyId)).toEqual(
      (await east.listKeys()).map((k) => k.KeyId),
    ); // the seed fixes the ids
  });

  it("deletes a key when its deletion date comes (an injected clock)", async () => {
    const clock = testClock();
    const sim = await sims.start({ now: clock.now, demoAccountId: undefined });
    const kms = sims.client(sim);
    const { KeyId: id = "" } = await kms.createKey();
    await kms.createAlias("alias/doomed", id);
    await kms.scheduleKeyDeletion(id, 7);
    clock.advance(7 * DAY - 1000);
    expect((await admin(sim, "GET", "/keys?region=us-east-1")).body?.keys).toContainEqual(
      expect.objectContaining({ KeyMetadata: expect.objectContaining({ KeyId: id, KeyState: "PendingDeletion" }) }),
    );
    clock.advance(1000);
    expect(await failure(kms.describeKey(id))).toMatchObject({ code: "NOT_FOUND" });
    expect(await kms.listAliases()).toEqual([]);
  });
});
