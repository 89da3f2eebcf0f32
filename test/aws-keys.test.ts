import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsKeysFixture, KEYS, SYNC, seedExample } from "./support/aws-keys-fixture.ts";
import { AWS_ACCOUNT_ID } from "./support/aws-kms-process.ts";

// Issue 15, the key routes: lists, lifecycle actions, upstream faults, creation (the connection, KMS
// and synchronization routes: aws-sync.test.ts). Over the demo KMS, synchronized once before the first test.
describe("AWS keys: lists and lifecycle", () => {
  const f = awsKeysFixture();
  const { call, keyByAlias } = f;

  beforeAll(() => f.start({ synchronized: true }));
  afterAll(async () => {
    try {
      // aws-sync.test.ts's last test, over this file's answers and processes.
      await f.expectSecretNowhere();
    } finally {
      await f.stop();
    }
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
    expect((await f.aws.admin.key(key.aws_param.KeyID))?.KeyMetadata.KeyState).toBe("PendingDeletion");

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
    expect((await f.aws.admin.key(key.aws_param.KeyID))?.KeyMetadata).toMatchObject({
      KeyState: "Disabled",
      Enabled: false,
    });
    expect((await call("GET", `${KEYS}/${key.id}`)).body.aws_param.KeyState).toBe("Disabled");

    const enabled = await call("POST", `${KEYS}/${key.id}/enable`);
    expect(enabled.body.aws_param).toMatchObject({ KeyState: "Enabled", Enabled: true });
    expect((await f.aws.admin.key(key.aws_param.KeyID))?.KeyMetadata).toMatchObject({ KeyState: "Enabled" });
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
    await f.aws.admin.resetRequests();
    await f.aws.admin.addFault({ operation: "DisableKey", status: 503 });
    try {
      const res = await call("POST", `${KEYS}/${key.id}/disable`);
      expect(res.status).toBe(502);
      expect(res.body.message).toContain("SERVER_ERROR");
      // Retried within the client's bound (3 attempts), then the clear error above.
      const sent = await f.aws.admin.count("DisableKey");
      expect(sent).toBeGreaterThan(1);
      expect(sent).toBeLessThanOrEqual(3);
    } finally {
      await f.aws.admin.clearFaults();
    }
    const after = await call("GET", `${KEYS}/${key.id}`);
    expect(after.body.updatedAt).toBe(key.updatedAt);
    expect(after.body.aws_param.KeyState).toBe("Enabled");
  });

  it("throttling and 5xx are retried within bounds: a passing fault is absorbed, a lasting one is a 503", async () => {
    const key = await keyByAlias("alias/demo-app-data");
    await f.aws.admin.resetRequests();
    await f.aws.admin.addFault({ operation: "DisableKey", status: 500, times: 1 });
    const absorbed = await call("POST", `${KEYS}/${key.id}/disable`);
    expect(absorbed.status).toBe(200);
    expect(absorbed.body.aws_param.KeyState).toBe("Disabled");
    expect(await f.aws.admin.count("DisableKey")).toBe(2);
    await f.aws.admin.clearFaults();
    await f.aws.admin.resetRequests();
    await f.aws.admin.addFault({ operation: "EnableKey", throttleRate: 1 });
    try {
      const throttled = await call("POST", `${KEYS}/${key.id}/enable`);
      expect(throttled.status).toBe(503);
      expect(throttled.body).toMatchObject({ code: 503, message: expect.stringContaining("THROTTLED") });
      const sent = await f.aws.admin.count("EnableKey");
      expect(sent).toBeGreaterThan(1);
      expect(sent).toBeLessThanOrEqual(3);
    } finally {
      await f.aws.admin.clearFaults();
    }
    expect((await call("GET", `${KEYS}/${key.id}`)).body.aws_param.KeyState).toBe("Disabled");
    expect((await call("POST", `${KEYS}/${key.id}/enable`)).body.aws_param.KeyState).toBe("Enabled");
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
    const simulated = await f.aws.admin.key(created.body.aws_param.KeyID);
    expect(simulated).toMatchObject({ Region: "eu-west-1", Aliases: [{ AliasName: "alias/made-here" }] });
    const elsewhere = await call("POST", KEYS, { kms: "demo", region: "ap-south-1" });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.message).toContain("ap-south-1");
  });
});
