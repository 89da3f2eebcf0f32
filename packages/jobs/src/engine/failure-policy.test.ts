import { AwsKmsError } from "@cckm/aws-kms-client";
import { OciKmsError } from "@cckm/oci-kms-client";
import { SapKmsError } from "@cckm/sap-kms-client";
import type { Job } from "bullmq";
import { describe, expect, it } from "vitest";
import { JobError } from "../errors.ts";
import { type AttemptCounters, countersOf, decide, describeError } from "./failure-policy.ts";
import { rateLimitAware } from "./rate-limit-aware.ts";

const counters = (over: Partial<AttemptCounters> = {}): AttemptCounters => ({
  attemptsMade: 0,
  attempts: 3,
  waits: 0,
  maxWaits: 5,
  baseMs: 100,
  ...over,
});
const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
const limited = (retryAfterMs?: number) =>
  new SapKmsError("RATE_LIMITED", "too many requests", {
    operation: "versions.export",
    status: 429,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
const serverError = new SapKmsError("SERVER_ERROR", "503", { operation: "keys.delete", status: 503 });
const low = () => 0;

describe("decide", () => {
  it("waits on an unreachable Postgres without spending an attempt, even on the last one", () => {
    expect(decide(refused, counters(), low)).toEqual({ action: "wait", reason: "database_unavailable", delayMs: 50 });
    expect(decide(refused, counters({ attemptsMade: 2, waits: 3 }), low)).toEqual({
      action: "wait",
      reason: "database_unavailable",
      delayMs: 400,
    });
  });

  it("waits on a 429 at least as long as Retry-After", () => {
    expect(decide(limited(2000), counters(), low)).toEqual({ action: "wait", reason: "rate_limited", delayMs: 2000 });
    expect(decide(limited(), counters(), low)).toMatchObject({ action: "wait", reason: "rate_limited", delayMs: 50 });
  });

  it("counts outages as attempts again once the waits are used up, so nothing waits forever", () => {
    expect(decide(refused, counters({ waits: 5 }))).toMatchObject({
      action: "retry",
      described: { code: "DATABASE_UNAVAILABLE" },
    });
    expect(decide(limited(2000), counters({ waits: 5, attemptsMade: 2 }))).toMatchObject({
      action: "fail",
      described: { code: "SAP_RATE_LIMITED" },
    });
    expect(decide(refused, counters({ maxWaits: 0 }))).toMatchObject({ action: "retry" });
  });

  it("retries a transient error while attempts remain, then fails; fails a permanent one at once", () => {
    expect(decide(serverError, counters({ attemptsMade: 1 }))).toMatchObject({ action: "retry" });
    expect(decide(serverError, counters({ attemptsMade: 2 }))).toMatchObject({
      action: "fail",
      described: { code: "SAP_SERVER_ERROR" },
    });
    expect(decide(new JobError("KEY_NOT_GONE", "still there"), counters())).toMatchObject({
      action: "fail",
      described: { code: "KEY_NOT_GONE", retryable: false },
    });
  });
});

describe("countersOf", () => {
  it("reads waits as the starts that neither failed nor stalled", () => {
    const job = {
      attemptsStarted: 7,
      attemptsMade: 2,
      stalledCounter: 1,
      opts: { attempts: 8, backoff: { delay: 250 } },
    };
    expect(countersOf(job as unknown as Job, 30)).toEqual({
      attemptsMade: 2,
      attempts: 8,
      waits: 3,
      maxWaits: 30,
      baseMs: 250,
    });
  });
});

describe("rateLimitAware", () => {
  const client = {
    async exportAll(): Promise<string> {
      throw limited(1000);
    },
    async getKey(): Promise<string> {
      throw serverError;
    },
    async ok(): Promise<string> {
      return "fine";
    },
  };

  it("turns a 429 into a wait that steps do not take for a SAP failure, other answers untouched", async () => {
    const aware = rateLimitAware(client, true);
    const error = await aware.exportAll().catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(SapKmsError);
    expect(error).toMatchObject({ code: "RATE_LIMITED", retryAfterMs: 1000 });
    expect(describeError(error)).toMatchObject({ code: "SAP_RATE_LIMITED" });
    expect(decide(error, counters(), low)).toEqual({ action: "wait", reason: "rate_limited", delayMs: 1000 });
    await expect(aware.getKey()).rejects.toBe(serverError);
    await expect(aware.ok()).resolves.toBe("fine");
  });

  it("leaves the client alone once the job may not wait any more", async () => {
    expect(rateLimitAware(client, false)).toBe(client);
  });
});

describe("errors of every cloud's client", () => {
  it("are recorded with their cloud's prefix, retried only when the client says a retry may help", () => {
    const gone = new AwsKmsError("NOT_FOUND", "no such key", { operation: "DescribeKey", status: 400 });
    expect(describeError(gone)).toEqual({ code: "AWS_NOT_FOUND", message: "no such key", retryable: false });
    expect(decide(gone, counters(), low)).toMatchObject({ action: "fail" });
    const busy = new OciKmsError("SERVER_ERROR", "try later", { operation: "GetKey", status: 503 });
    expect(decide(busy, counters(), low)).toMatchObject({ action: "retry", described: { code: "OCI_SERVER_ERROR" } });
  });

  it("make the job wait when the cloud rate-limits, whichever cloud", () => {
    const throttled = new AwsKmsError("THROTTLED", "slow down", { operation: "ListKeys", status: 400 });
    const limitedOci = new OciKmsError("RATE_LIMITED", "429", { operation: "ListKeys", status: 429 });
    for (const error of [throttled, limitedOci]) {
      expect(decide(error, counters(), low)).toMatchObject({ action: "wait", reason: "rate_limited" });
    }
  });
});
