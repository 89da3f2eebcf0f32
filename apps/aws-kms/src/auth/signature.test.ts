import { inspect } from "node:util";
import { AwsKmsError } from "@cckm/aws-kms-client";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO, simulators, testClock } from "../testing/harness.ts";
import { signedRequest } from "../testing/signed-request.ts";

const sims = simulators();
afterAll(() => sims.closeAll());
const MIN = 60_000;
const LIST = "TrentService.ListKeys";

describe("SigV4 verification", () => {
  it("refuses a wrong secret as InvalidSignatureException, permanent, and never shows a secret", async () => {
    const sim = await sims.start();
    const wrong = "wrong-secret-access-key-for-the-demo-0001";
    const kms = sims.client(sim, { key: { ...DEMO, secretAccessKey: wrong } });
    const error = await kms.listKeys().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsKmsError);
    expect(error).toMatchObject({
      code: "INVALID_SIGNATURE",
      transient: false,
      status: 400,
      awsCode: "InvalidSignatureException",
      attempts: 1,
    });
    for (const text of [String(error), JSON.stringify(error), inspect(error, { depth: 10 }), String(kms)]) {
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(DEMO.secretAccessKey);
    }
    expect(JSON.stringify(kms)).not.toContain(wrong);
    expect(inspect(kms, { depth: 10 })).not.toContain(wrong);
  });

  it("refuses an unknown access key as UnrecognizedClientException", async () => {
    const sim = await sims.start();
    const kms = sims.client(sim, { key: { ...DEMO, accessKeyId: "AKIAUNKNOWN000000000" } });
    const error = await kms.describeKey("alias/demo-app-data").catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "UNRECOGNIZED_CLIENT",
      transient: false,
      awsCode: "UnrecognizedClientException",
    });
  });

  it("allows X-Amz-Date within 15 minutes of its clock, refuses it beyond", async () => {
    const clock = testClock(Date.parse("2026-03-01T12:00:00Z"));
    const sim = await sims.start({ now: clock.now });
    const at = (offset: number) =>
      signedRequest(sim.url, { target: LIST, key: DEMO, date: new Date(clock.now() + offset) });
    expect((await at(-14 * MIN)).status).toBe(200);
    expect((await at(14 * MIN)).status).toBe(200);
    const stale = await at(-16 * MIN);
    expect(stale).toEqual({
      status: 400,
      body: {
        __type: "InvalidSignatureException",
        message:
          "Signature expired: 20260301T114400Z is now earlier than 20260301T114500Z (20260301T120000Z - 15 min.)",
      },
    });
    const early = await at(16 * MIN);
    expect(early.body).toMatchObject({ __type: "InvalidSignatureException" });
    expect(early.body.message).toMatch(/^Signature not yet current/);
  });

  it("lets the SDK correct its clock from the Date header after one refusal", async () => {
    const clock = testClock(Date.now() + 20 * MIN);
    const sim = await sims.start({ now: clock.now });
    const keys = await sims.client(sim).listKeys();
    expect(keys.length).toBeGreaterThan(0);
    expect(sim.ctx.counter.list({ operation: "ListKeys" })[0]?.byStatus).toEqual({ 400: 1, 200: 1 });
  });

  it("refuses a request changed after signing", async () => {
    const sim = await sims.start();
    const body = JSON.stringify({ Limit: 1 });
    const changedBody = await signedRequest(sim.url, {
      target: LIST,
      key: DEMO,
      body,
      tamper: (r) => {
        r.body = JSON.stringify({ Limit: 2 });
      },
    });
    // The signed x-amz-content-sha256 vouches for the first body: it must be checked against the one received.
    expect(changedBody).toMatchObject({ status: 400, body: { __type: "InvalidSignatureException" } });
    const changedTarget = await signedRequest(sim.url, {
      target: LIST,
      key: DEMO,
      tamper: (r) => {
        r.headers["x-amz-target"] = "TrentService.ListAliases";
      },
    });
    expect(changedTarget.body.__type).toBe("InvalidSignatureException");
    const unhashed = { target: LIST, key: DEMO, body, payloadHashHeader: false };
    expect((await signedRequest(sim.url, unhashed)).status).toBe(200);
    const changedUnhashed = await signedRequest(sim.url, {
      ...unhashed,
      tamper: (r) => {
        r.body = JSON.stringify({ Limit: 3 }); // the signature itself covers the body's hash
      },
    });
    expect(changedUnhashed.body.__type).toBe("InvalidSignatureException");
  });

  it("answers AWS's error types for missing or malformed authorization", async () => {
    const sim = await sims.start();
    const post = (headers: Record<string, string>) =>
      fetch(sim.url, {
        method: "POST",
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": LIST, ...headers },
        body: "{}",
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { __type: string } }));
    expect(await post({})).toMatchObject({ status: 400, body: { __type: "MissingAuthenticationTokenException" } });
    expect((await post({ authorization: "AWS4-HMAC-SHA256 Credential=x" })).body.__type).toBe(
      "IncompleteSignatureException",
    );
    const wrongService = await signedRequest(sim.url, {
      target: LIST,
      key: DEMO,
      tamper: (r) => {
        r.headers.authorization = (r.headers.authorization ?? "").replace("/kms/", "/s3/");
      },
    });
    expect(wrongService.body).toMatchObject({ __type: "InvalidSignatureException" });
  });

  it("serves the region of the credential scope", async () => {
    const sim = await sims.start();
    const eu = await signedRequest(sim.url, { target: LIST, key: DEMO, region: "eu-west-1" });
    const arns = (eu.body.Keys as Array<{ KeyArn: string }>).map((k) => k.KeyArn);
    expect(arns.length).toBeGreaterThan(0);
    expect(arns.every((arn) => arn.startsWith(`arn:aws:kms:eu-west-1:${DEMO.accountId}:key/`))).toBe(true);
  });
});
