import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AWS_SYNC_JOBS_QUEUE } from "@cckm/jobs";
import { repoRoot } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AWS_ACCESS_KEY_ID,
  AWS_ACCOUNT_ID,
  AWS_SECRET_ACCESS_KEY,
  type AwsKmsProcess,
  startAwsKms,
} from "./support/aws-kms-process.ts";
import { type OpenApiDocument, openApiChecker } from "./support/openapi-answers.ts";
import { expectIdOnlyPayloads } from "./support/queue-payloads.ts";
import { startStack, type TestStack, waitFor } from "./support/stack-processes.ts";

const CONNECTIONS = "/connectionmgmt/services/aws/connections";
const KMS = "/cckm/aws/kms";
const SYNC = "/cckm/aws/synchronization-jobs";
const KEYS = "/cckm/aws/keys";

/** The seed's example answer (001: cancel-deletion), the shape every key answer must carry. */
function seedExample(): Record<string, unknown> {
  // CipherTrust's page as the seeds hold it, copied into the repository so a clone has it.
  const page = readFileSync(join(repoRoot, "test", "fixtures", "seeds", "001_c578464204d7b20c.txt"), "utf8");
  const start = page.indexOf("{", page.indexOf("Example Response"));
  const end = page.lastIndexOf("}", page.indexOf("The sample output")) + 1;
  return JSON.parse(page.slice(start, end));
}

// Issue 15 over real processes: the AWS KMS simulator, the API and a worker (launched as `npm start`
// launches them), Postgres and Redis; the official SDK (through @cckm/aws-kms-client) as the client.
describe("AWS keys: connection, KMS, synchronization, lifecycle", () => {
  let stack: TestStack;
  let aws: AwsKmsProcess;
  const answers: string[] = [];
  // Every answer as the OpenAPI document the API serves declares it (status and body).
  let checker: ReturnType<typeof openApiChecker>;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await stack.call(method, path, body);
    checker.check(method, `${stack.apiUrl}/api/v1${path}`, res.status, res.body ?? undefined);
    answers.push(JSON.stringify(res.body));
    return res;
  };
  const sync = async () => {
    const created = await call("POST", SYNC, { kms: ["demo"] });
    expect(created.status).toBe(201);
    return waitFor(
      () => call("GET", `${SYNC}/${created.body.id}`),
      (r) => r.body.overall_status !== "in_progress",
    );
  };
  const keyByAlias = async (alias: string) => {
    const list = await call("GET", `${KEYS}?alias=${alias}&gone=false`);
    expect(list.body.total).toBe(1);
    return list.body.resources[0];
  };

  beforeAll(async () => {
    [stack, aws] = await Promise.all([startStack(), startAwsKms()]);
    checker = openApiChecker((await (await fetch(`${stack.apiUrl}/api/docs/openapi.json`)).json()) as OpenApiDocument);
  });
  afterAll(async () => {
    await Promise.allSettled([stack?.stop(), aws?.stop()]);
  });

  it("connects: the connection answers without its secret, tests green and names the account", async () => {
    const created = await call("POST", CONNECTIONS, {
      name: "aws-demo",
      access_key_id: AWS_ACCESS_KEY_ID,
      secret_access_key: AWS_SECRET_ACCESS_KEY,
      aws_region: "us-east-1",
      endpoint: aws.url,
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
      endpoint: aws.url,
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
    const simulated = await aws.admin.keys({ account: AWS_ACCOUNT_ID });
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

  it("lists with every documented filter: known ones strict, unknown ones ignored, unheld ones answered", async () => {
    const all = (await call("GET", `${KEYS}?limit=-1`)).body;
    const total = all.total as number;
    const count = async (q: string) => {
      const res = await call("GET", `${KEYS}?limit=-1&${q}`);
      expect(res.status, q).toBe(200);
      return res.body.total as number;
    };
    // `tags`: keys with a tag of that value.
    const tagged = all.resources.find((k: { aws_param: { Tags?: unknown[] } }) => (k.aws_param.Tags ?? []).length > 0);
    const value = tagged.aws_param.Tags[0].TagValue as string;
    const withValue = all.resources.filter((k: { aws_param: { Tags?: { TagValue: string }[] } }) =>
      (k.aws_param.Tags ?? []).some((t) => t.TagValue === value),
    ).length;
    expect(withValue).toBeGreaterThan(0);
    expect(await count(`tags=${encodeURIComponent(value)}`)).toBe(withValue);
    expect(await count("tags=no-key-has-this-tag-value")).toBe(0);
    // No key here has a scheduler job, a policy template or a key source: asked for, they match none.
    expect(await count("job_config_id=rotation-1")).toBe(0);
    expect(await count("cckm_policy_template_id=template-1")).toBe(0);
    expect(await count("rotation_job_enabled=true")).toBe(0);
    expect(await count("rotation_job_enabled=false")).toBe(total);
    expect(await count("key_source=LOCAL")).toBe(0);
    expect(await count("no_such_filter=1")).toBe(total);
    expect((await call("GET", `${KEYS}?key_source=vault`)).status).toBe(400);
    expect((await call("GET", `${KEYS}?rotation_job_enabled=maybe`)).status).toBe(400);
    const up = (await call("GET", `${KEYS}?limit=-1&sort=updatedAt`)).body.resources.map((k: { id: string }) => k.id);
    expect(up).toHaveLength(total);
  });

  it("schedule-deletion then cancel-deletion: the answer is the seed's, field for field, KeyState Disabled", async () => {
    const key = await keyByAlias("alias/demo-app-data");
    const scheduled = await call("POST", `${KEYS}/${key.id}/schedule-deletion`, { days: 7 });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.aws_param).toMatchObject({ KeyState: "PendingDeletion", Enabled: false });
    expect(scheduled.body.aws_param.DeletionDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect((await aws.admin.key(key.aws_param.KeyID))?.KeyMetadata.KeyState).toBe("PendingDeletion");

    const cancelled = await call("POST", `${KEYS}/${key.id}/cancel-deletion`);
    expect(cancelled.status).toBe(200);
    const seed = seedExample();
    expect(Object.keys(cancelled.body)).toEqual(expect.arrayContaining(Object.keys(seed)));
    const seedParam = seed.aws_param as Record<string, unknown>;
    expect(Object.keys(cancelled.body.aws_param)).toEqual(expect.arrayContaining(Object.keys(seedParam)));
    for (const [field, value] of Object.entries(seed)) {
      if (field !== "aws_param") expect(typeof cancelled.body[field], field).toBe(typeof value);
    }
    for (const [field, value] of Object.entries(seedParam)) {
      expect(typeof cancelled.body.aws_param[field], field).toBe(typeof value);
    }
    expect(cancelled.body).toMatchObject({
      id: key.id,
      uri: `kylo:kylo:cckm:aws-key:${key.id}`,
      account: "kylo:kylo:admin:accounts:kylo",
      application: "ncryptify:gemalto:admin:apps:kylo",
      devAccount: "ncryptify:gemalto:admin:accounts:gemalto",
      kms_id: key.kms_id,
      kms: "demo",
      cloud_name: "aws",
      key_type: "symmetric",
      region: "us-east-1",
      gone: false,
      key_material_origin: "native",
      aws_param: {
        AWSAccountId: AWS_ACCOUNT_ID,
        Arn: `arn:aws:kms:us-east-1:${AWS_ACCOUNT_ID}:key/${key.aws_param.KeyID}`,
        CustomerMasterKeySpec: "SYMMETRIC_DEFAULT",
        Enabled: false,
        EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
        KeyManager: "CUSTOMER",
        KeyState: "Disabled",
        KeyUsage: "ENCRYPT_DECRYPT",
        Origin: "AWS_KMS",
        Policy: { Version: "2012-10-17", Statement: expect.any(Array) },
        Alias: ["alias/demo-app-data"],
        Tags: expect.arrayContaining([{ TagKey: "env", TagValue: expect.any(String) }]),
      },
    });
    expect(cancelled.body.aws_param).not.toHaveProperty("DeletionDate");
    expect((await aws.admin.key(key.aws_param.KeyID))?.KeyMetadata).toMatchObject({
      KeyState: "Disabled",
      Enabled: false,
    });
    expect((await call("GET", `${KEYS}/${key.id}`)).body.aws_param.KeyState).toBe("Disabled");

    const enabled = await call("POST", `${KEYS}/${key.id}/enable`);
    expect(enabled.body.aws_param).toMatchObject({ KeyState: "Enabled", Enabled: true });
    expect((await aws.admin.key(key.aws_param.KeyID))?.KeyMetadata).toMatchObject({ KeyState: "Enabled" });
    const disabled = await call("POST", `${KEYS}/${key.id}/disable`);
    expect(disabled.body.aws_param).toMatchObject({ KeyState: "Disabled", Enabled: false });
    expect((await call("POST", `${KEYS}/${key.id}/enable`)).body.aws_param.KeyState).toBe("Enabled");
  });

  it("invalid transitions and unknown ids are 4xx with CipherTrust's body, naming the state", async () => {
    const pending = await call("GET", `${KEYS}?keystate=PendingDeletion&region=us-east-1`);
    const key = pending.body.resources[0];
    const refused = await call("POST", `${KEYS}/${key.id}/enable`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 409,
      codeDesc: "NCERRConflict: Conflict",
      message: expect.stringContaining("PendingDeletion"),
    });
    expect((await call("GET", `${KEYS}/${key.id}`)).body.aws_param.KeyState).toBe("PendingDeletion");
    const enabledKey = await keyByAlias("alias/demo-app-data");
    const notPending = await call("POST", `${KEYS}/${enabledKey.id}/cancel-deletion`);
    expect(notPending.status).toBe(409);
    expect(notPending.body.message).toContain("Enabled");
    const days = await call("POST", `${KEYS}/${enabledKey.id}/schedule-deletion`, { days: 3 });
    expect(days.status).toBe(400);
    expect(days.body).toMatchObject({ code: 9, message: expect.stringContaining("between 7 and 30") });
    const unknown = await call("POST", `${KEYS}/00000000-0000-4000-8000-000000000000/enable`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 16, codeDesc: "NCERRResourceNotFound: Resource not found" });
    expect((await call("GET", `${KEYS}/not-a-uuid`)).status).toBe(400);
    expect((await call("GET", `${KEYS}?enabled=maybe`)).status).toBe(400);
    expect((await call("POST", SYNC, { kms: ["nope"] })).status).toBe(400);
  });

  it("an upstream outage is a 502 with the code, and the inventory is unchanged", async () => {
    const key = await keyByAlias("alias/demo-app-data");
    await aws.admin.resetRequests();
    await aws.admin.addFault({ operation: "DisableKey", status: 503 });
    try {
      const res = await call("POST", `${KEYS}/${key.id}/disable`);
      expect(res.status).toBe(502);
      expect(res.body.message).toContain("SERVER_ERROR");
      // Retried within the client's bound (3 attempts), then the clear error above.
      const sent = await aws.admin.count("DisableKey");
      expect(sent).toBeGreaterThan(1);
      expect(sent).toBeLessThanOrEqual(3);
    } finally {
      await aws.admin.clearFaults();
    }
    const after = await call("GET", `${KEYS}/${key.id}`);
    expect(after.body.updatedAt).toBe(key.updatedAt);
    expect(after.body.aws_param.KeyState).toBe("Enabled");
  });

  it("throttling and 5xx are retried within bounds: a passing fault is absorbed, a lasting one is a 503", async () => {
    const key = await keyByAlias("alias/demo-app-data");
    await aws.admin.resetRequests();
    await aws.admin.addFault({ operation: "DisableKey", status: 500, times: 1 });
    const absorbed = await call("POST", `${KEYS}/${key.id}/disable`);
    expect(absorbed.status).toBe(200);
    expect(absorbed.body.aws_param.KeyState).toBe("Disabled");
    expect(await aws.admin.count("DisableKey")).toBe(2);
    await aws.admin.clearFaults();
    await aws.admin.resetRequests();
    await aws.admin.addFault({ operation: "EnableKey", throttleRate: 1 });
    try {
      const throttled = await call("POST", `${KEYS}/${key.id}/enable`);
      expect(throttled.status).toBe(503);
      expect(throttled.body).toMatchObject({ code: 503, message: expect.stringContaining("THROTTLED") });
      const sent = await aws.admin.count("EnableKey");
      expect(sent).toBeGreaterThan(1);
      expect(sent).toBeLessThanOrEqual(3);
    } finally {
      await aws.admin.clearFaults();
    }
    expect((await call("GET", `${KEYS}/${key.id}`)).body.aws_param.KeyState).toBe("Disabled");
    expect((await call("POST", `${KEYS}/${key.id}/enable`)).body.aws_param.KeyState).toBe("Enabled");
  });

  it("a synchronization AWS refuses fails with the code, without retrying, and changes no key", async () => {
    const before = (await call("GET", `${KEYS}?limit=-1`)).body;
    await aws.admin.resetRequests();
    await aws.admin.addFault({ operation: "ListKeys", status: 400, errorType: "AccessDeniedException" });
    try {
      const failed = await sync();
      expect(failed.body).toMatchObject({
        overall_status: "failed",
        error: expect.stringContaining("AWS_ACCESS_DENIED"),
      });
      expect(await aws.admin.count("ListKeys")).toBe(1);
    } finally {
      await aws.admin.clearFaults();
    }
    expect((await call("GET", `${KEYS}?limit=-1`)).body).toEqual(before);
  });

  it("a synchronization whose upstream stays at 5xx mid-region is retried within bounds, then fails; nothing is marked gone", async () => {
    const before = (await call("GET", `${KEYS}?limit=-1`)).body;
    const simulated = await aws.admin.keys({ account: AWS_ACCOUNT_ID });
    // A key of the second region: the first region is synchronized, the second only in part.
    const victim = simulated.find((k) => k.Region === "eu-west-1");
    expect(victim).toBeDefined();
    await aws.admin.addFault({ operation: "DescribeKey", keyId: victim?.KeyMetadata.KeyId, status: 503 });
    try {
      const failed = await sync();
      expect(failed.body).toMatchObject({
        overall_status: "failed",
        error: expect.stringContaining("AWS_SERVER_ERROR"),
      });
    } finally {
      await aws.admin.clearFaults();
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
    await aws.admin.addFault({ operation: "ListKeys", latencyMs: 1500 });
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
      await aws.admin.clearFaults();
    }
  });

  it("creates a key in a KMS and region, with its alias and tags; a region the KMS lacks is a 400", async () => {
    const created = await call("POST", KEYS, {
      kms: "demo",
      region: "eu-west-1",
      aws_param: { Alias: "made-here", Description: "made by the test", Tags: [{ TagKey: "t", TagValue: "v" }] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kms: "demo",
      region: "eu-west-1",
      aws_param: {
        KeyState: "Enabled",
        Alias: ["alias/made-here"],
        Description: "made by the test",
        Tags: [{ TagKey: "t", TagValue: "v" }],
      },
    });
    const simulated = await aws.admin.key(created.body.aws_param.KeyID);
    expect(simulated).toMatchObject({ Region: "eu-west-1", Aliases: [{ AliasName: "alias/made-here" }] });
    const elsewhere = await call("POST", KEYS, { kms: "demo", region: "ap-south-1" });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.message).toContain("ap-south-1");
  });

  it("keys that vanished upstream are marked gone by the next sync", async () => {
    // The simulator restarted on its port with another seed: none of the old keys is there.
    const port = new URL(aws.url).port;
    await aws.stop();
    aws = await startAwsKms({ port: Number(port), env: { AWS_KMS_SEED: "2" } });
    const before = (await call("GET", `${KEYS}?gone=false`)).body.total;
    expect((await sync()).body.overall_status).toBe("completed");
    expect((await call("GET", `${KEYS}?gone=true`)).body.total).toBe(before);
    const fresh = await aws.admin.keys({ account: AWS_ACCOUNT_ID });
    expect((await call("GET", `${KEYS}?gone=false`)).body.total).toBe(fresh.length);
  });

  it("the secret access key is in no answer, no log line and no queue payload", async () => {
    for (const text of answers) expect(text).not.toContain(AWS_SECRET_ACCESS_KEY);
    await expectIdOnlyPayloads(stack, AWS_SYNC_JOBS_QUEUE, ["awsSyncJobId"]);
    expect(stack.api.output()).not.toContain(AWS_SECRET_ACCESS_KEY);
    for (const worker of stack.workers) expect(worker.output()).not.toContain(AWS_SECRET_ACCESS_KEY);
  });
});
