import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsKeysFixture, CONNECTIONS, KEYS, KMS, SYNC } from "./support/aws-keys-fixture.ts";
import { AWS_ACCESS_KEY_ID, AWS_ACCOUNT_ID, AWS_SECRET_ACCESS_KEY, startAwsKms } from "./support/aws-kms-process.ts";
import { waitFor } from "./support/stack-processes.ts";

// Issue 15, the connection, KMS and synchronization routes (the key routes: aws-keys.test.ts).
describe("AWS keys: connection, KMS, synchronization", () => {
  const f = awsKeysFixture();
  const { call, sync } = f;

  beforeAll(() => f.start());
  afterAll(() => f.stop());

  it("connects: the connection answers without its secret, tests green and names the account", async () => {
    const created = await call("POST", CONNECTIONS, {
      name: "aws-demo",
      access_key_id: AWS_ACCESS_KEY_ID,
      secret_access_key: AWS_SECRET_ACCESS_KEY,
      aws_region: "us-east-1",
      endpoint: f.aws.url,
      products: ["cckm"],
      unknown_field: "ignored",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      uri: `kylo:kylo:connectionmgmt:connections:aws-demo-${created.body.id}`,
      service: "aws",
      cloud_name: "aws",
      access_key_id: AWS_ACCESS_KEY_ID,
      aws_region: "us-east-1",
    });
    expect(created.body).not.toHaveProperty("secret_access_key");
    const test = await call("POST", `${CONNECTIONS}/aws-demo/test`);
    expect(test.body).toMatchObject({ connection_ok: true });
    expect((await call("GET", `${CONNECTIONS}/${created.body.id}`)).body).toMatchObject({ last_connection_ok: true });
    const wrong = await call("POST", "/connectionmgmt/services/aws/connection-test", {
      access_key_id: AWS_ACCESS_KEY_ID,
      secret_access_key: "not-the-secret",
      endpoint: f.aws.url,
    });
    expect(wrong.body).toMatchObject({ connection_ok: false, message: expect.stringContaining("INVALID_SIGNATURE") });
    const accounts = await call("POST", "/cckm/aws/accounts", { connection: "aws-demo" });
    expect(accounts.body).toMatchObject({ account_id: AWS_ACCOUNT_ID, regions: expect.arrayContaining(["eu-west-1"]) });
    const kms = await call("POST", KMS, {
      name: "demo",
      account_id: AWS_ACCOUNT_ID,
      connection: "aws-demo",
      regions: ["us-east-1", "eu-west-1"],
    });
    expect(kms.status).toBe(201);
    expect(kms.body).toMatchObject({ uri: `kylo:kylo:cckm:aws-kms:${kms.body.id}`, connection: "aws-demo" });
    expect((await call("DELETE", `${CONNECTIONS}/aws-demo`)).status).toBe(409);
  });

  it("synchronizes: the demo account's keys appear once, also after a second sync", async () => {
    const first = await sync();
    expect(first.body).toMatchObject({ overall_status: "completed", kms: ["demo"] });
    const simulated = await f.aws.admin.keys({ account: AWS_ACCOUNT_ID });
    const listed = await call("GET", `${KEYS}?limit=-1`);
    expect(listed.body.total).toBe(simulated.length);
    const second = await sync();
    expect(second.body.overall_status).toBe("completed");
    const again = await call("GET", `${KEYS}?limit=-1`);
    expect(again.body.total).toBe(simulated.length);
    expect(again.body.resources.map((k: { id: string }) => k.id).sort()).toEqual(
      listed.body.resources.map((k: { id: string }) => k.id).sort(),
    );
    const ids = again.body.resources.map((k: { aws_param: { KeyID: string } }) => k.aws_param.KeyID).sort();
    expect(ids).toEqual(simulated.map((k) => k.KeyMetadata.KeyId).sort());
    expect((await call("GET", `${KEYS}?region=eu-west-1`)).body.total).toBe(
      simulated.filter((k) => k.Region === "eu-west-1").length,
    );
    const external = simulated.filter((k) => (k.KeyMetadata as { Origin?: string }).Origin === "EXTERNAL").length;
    expect(external).toBeGreaterThan(0);
    expect((await call("GET", `${KEYS}?key_material_origin=unknown`)).body.total).toBe(external);
    expect((await call("GET", `${KEYS}?origin=EXTERNAL&keystate=PendingImport`)).body.total).toBe(external);
  });

  it("a synchronization AWS refuses fails with the code, without retrying, and changes no key", async () => {
    const before = (await call("GET", `${KEYS}?limit=-1`)).body;
    await f.aws.admin.resetRequests();
    await f.aws.admin.addFault({ operation: "ListKeys", status: 400, errorType: "AccessDeniedException" });
    try {
      const failed = await sync();
      expect(failed.body).toMatchObject({
        overall_status: "failed",
        error: expect.stringContaining("AWS_ACCESS_DENIED"),
      });
      expect(await f.aws.admin.count("ListKeys")).toBe(1);
    } finally {
      await f.aws.admin.clearFaults();
    }
    expect((await call("GET", `${KEYS}?limit=-1`)).body).toEqual(before);
  });

  it("a synchronization whose upstream stays at 5xx mid-region is retried within bounds, then fails; nothing is marked gone", async () => {
    const before = (await call("GET", `${KEYS}?limit=-1`)).body;
    const simulated = await f.aws.admin.keys({ account: AWS_ACCOUNT_ID });
    // A key of the second region: the first region is synchronized, the second only in part.
    const victim = simulated.find((k) => k.Region === "eu-west-1");
    expect(victim).toBeDefined();
    await f.aws.admin.addFault({ operation: "DescribeKey", keyId: victim?.KeyMetadata.KeyId, status: 503 });
    try {
      const failed = await sync();
      expect(failed.body).toMatchObject({
        overall_status: "failed",
        error: expect.stringContaining("AWS_SERVER_ERROR"),
      });
    } finally {
      await f.aws.admin.clearFaults();
    }
    const after = (await call("GET", `${KEYS}?limit=-1`)).body;
    expect(after.total).toBe(before.total);
    expect((await call("GET", `${KEYS}?gone=true`)).body.total).toBe(0);
    const victimRow = after.resources.find(
      (k: { aws_param: { KeyID: string } }) => k.aws_param.KeyID === victim?.KeyMetadata.KeyId,
    );
    expect(victimRow).toMatchObject({ gone: false });
  });

  it("one running sync per KMS (a second is a 409); a cancel stops it before its next region", async () => {
    await f.aws.admin.addFault({ operation: "ListKeys", latencyMs: 1500 });
    try {
      const running = await call("POST", SYNC, { synchronize_all: true });
      expect(running.status).toBe(201);
      const second = await call("POST", SYNC, { kms: ["demo"] });
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ code: 409, codeDesc: "NCERRConflict: Conflict" });
      const cancelled = await call("POST", `${SYNC}/${running.body.id}/cancel`);
      expect(cancelled.body).toMatchObject({ abort: true, overall_status: "in_progress" });
      const ended = await waitFor(
        () => call("GET", `${SYNC}/${running.body.id}`),
        (r) => r.body.overall_status !== "in_progress",
      );
      expect(ended.body.overall_status).toBe("completed");
      // Stopped before its second region (or before its first, when the cancel came before the worker).
      expect(ended.body.details.kms[0]?.regions.length ?? 0).toBeLessThan(2);
      expect((await call("POST", `${SYNC}/${running.body.id}/cancel`)).status).toBe(409);
      const listed = await call("GET", `${SYNC}?kms=demo&overall_status=completed&limit=100`);
      expect(listed.body.resources.map((j: { id: string }) => j.id)).toContain(running.body.id);
    } finally {
      await f.aws.admin.clearFaults();
    }
  });

  it("keys that vanished upstream are marked gone by the next sync", async () => {
    // The simulator restarted on its port with another seed: none of the old keys is there.
    const port = new URL(f.aws.url).port;
    await f.aws.stop();
    f.aws = await startAwsKms({ port: Number(port), env: { AWS_KMS_SEED: "2" } });
    const before = (await call("GET", `${KEYS}?gone=false`)).body.total;
    expect((await sync()).body.overall_status).toBe("completed");
    expect((await call("GET", `${KEYS}?gone=true`)).body.total).toBe(before);
    const fresh = await f.aws.admin.keys({ account: AWS_ACCOUNT_ID });
    expect((await call("GET", `${KEYS}?gone=false`)).body.total).toBe(fresh.length);
  });

  it("the secret access key is in no answer, no log line and no queue payload", async () => {
    await f.expectSecretNowhere();
  });
});
