import { AwsKmsError } from "@cckm/aws-kms-client";
import { afterAll, describe, expect, it } from "vitest";
import { parseFaultSpec } from "./faults/fault-rule.ts";
import { admin, DEMO, simulators, testClock } from "./testing/harness.ts";

const sims = simulators();
afterAll(() => sims.closeAll());

async function failure(call: Promise<unknown>): Promise<AwsKmsError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AwsKmsError);
  return error as AwsKmsError;
}

const APP_ALIAS = "alias/demo-app-data";

describe("faults, as the client sees them", () => {
  it("throttling is ThrottlingException (400): transient, retried maxAttempts times, then a clear error", async () => {
    const sim = await sims.start({ faults: [{ operation: "DescribeKey", throttleRate: 1 }] });
    const error = await failure(sims.client(sim, { maxAttempts: 3 }).describeKey(APP_ALIAS));
    expect(error).toMatchObject({
      code: "THROTTLED",
      transient: true,
      status: 400,
      awsCode: "ThrottlingException",
      attempts: 3,
      operation: "DescribeKey",
    });
    expect(error.message).toBe("DescribeKey: ThrottlingException (HTTP 400): Rate exceeded");
    expect(sim.ctx.counter.list({ operation: "DescribeKey" })).toEqual([
      { operation: "DescribeKey", keyId: APP_ALIAS, total: 3, byStatus: { 400: 3 } },
    ]);
  });

  it("5xx is transient and retried; a fault that stops in time is ridden out", async () => {
    const sim = await sims.start({ faults: [{ operation: "ListKeys", status: 503 }] });
    const error = await failure(sims.client(sim, { maxAttempts: 2 }).listKeys());
    expect(error).toMatchObject({ code: "SERVER_ERROR", transient: true, status: 503, attempts: 2 });
    expect(sim.ctx.counter.total("ListKeys")).toBe(2);

    const flaky = await sims.start({ faults: parseFaultSpec("ListKeys:status=500,times=2") });
    expect((await sims.client(flaky, { maxAttempts: 3 }).listKeys()).length).toBeGreaterThan(0);
    expect(flaky.ctx.counter.list({ operation: "ListKeys" })[0]?.byStatus).toEqual({ 200: 1, 500: 2 });
  });

  it("never sends CreateKey again after a lost answer (no second key), but does after throttling", async () => {
    const sim = await sims.start({
      demoAccountId: undefined,
      faults: [{ operation: "CreateKey", status: 500, after: true }],
    });
    const kms = sims.client(sim, { maxAttempts: 3 });
    const error = await failure(kms.createKey());
    expect(error).toMatchObject({ code: "SERVER_ERROR", transient: true, attempts: 1 });
    expect(sim.ctx.store.allKeys()).toHaveLength(1); // made once; the caller finds it, or decides

    sim.ctx.faults.replace([{ operation: "CreateKey", throttleRate: 1, times: 2 }]);
    await kms.createKey();
    expect(sim.ctx.counter.total("CreateKey")).toBe(4);
    expect(sim.ctx.store.allKeys()).toHaveLength(2);
  });

  it("a request never answered is a transient TIMEOUT after timeoutMs, per attempt", async () => {
    const sim = await sims.start({ faults: [{ operation: "GetKeyPolicy", hangRate: 1 }] });
    const kms = sims.client(sim, { maxAttempts: 2, timeoutMs: 300 });
    const { KeyId = "" } = await kms.describeKey(APP_ALIAS);
    const error = await failure(kms.getKeyPolicy(KeyId));
    expect(error).toMatchObject({ code: "TIMEOUT", transient: true, status: undefined });
    expect(sim.ctx.counter.total("GetKeyPolicy")).toBe(2);
  });

  it("an error after the work leaves the change made", async () => {
    const sim = await sims.start();
    const kms = sims.client(sim, { maxAttempts: 1 });
    const { KeyId = "" } = await kms.describeKey(APP_ALIAS);
    sim.ctx.faults.replace([{ operation: "ScheduleKeyDeletion", status: 502, after: true }]);
    expect(await failure(kms.scheduleKeyDeletion(KeyId, 7))).toMatchObject({ code: "SERVER_ERROR", transient: true });
    expect((await kms.describeKey(KeyId)).KeyState).toBe("PendingDeletion");
  });

  it("are set, listed and removed through the admin routes, for one key if asked", async () => {
    const sim = await sims.start();
    const kms = sims.client(sim, { maxAttempts: 1 });
    const [a = "", b = ""] = (await kms.listKeys()).map((k) => k.KeyId ?? "");
    const added = await admin(sim, "POST", "/faults", { operation: "DescribeKey", keyId: a, status: 500 });
    expect(added).toMatchObject({ status: 201, body: { id: "f1", used: 0 } });
    expect(await failure(kms.describeKey(a))).toMatchObject({ code: "SERVER_ERROR", awsCode: "KMSInternalException" });
    expect((await kms.describeKey(b)).KeyId).toBe(b);
    expect((await admin(sim, "GET", "/faults")).body?.faults).toMatchObject([{ id: "f1", used: 1 }]);
    expect((await admin(sim, "DELETE", "/faults/f1")).status).toBe(204);
    expect((await kms.describeKey(a)).KeyId).toBe(a);
    expect((await admin(sim, "PUT", "/faults", { faults: [{ operation: "Nope", status: 500 }] })).status).toBe(400);
    const refused = await fetch(`${sim.url}/admin/faults`, { headers: { authorization: "Bearer wrong" } });
    expect(refused.status).toBe(401);
  });

  it("rate-limits per window of the simulator's clock", async () => {
    const clock = testClock();
    const sim = await sims.start({ now: clock.now, faults: [{ operation: "*", rateLimit: 2, windowMs: 1000 }] });
    const kms = sims.client(sim, { maxAttempts: 1, key: DEMO });
    await kms.describeKey(APP_ALIAS);
    await kms.describeKey(APP_ALIAS);
    expect(await failure(kms.describeKey(APP_ALIAS))).toMatchObject({ code: "THROTTLED" });
    clock.advance(1000);
    expect((await kms.describeKey(APP_ALIAS)).KeyState).toBe("Enabled");
  });
});
