import { createExportWrappingKey } from "@cckm/sap-kms-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AWS_ACCESS_KEY_ID,
  AWS_SECRET_ACCESS_KEY,
  type AwsKmsProcess,
  startAwsKms,
} from "./support/aws-kms-process.ts";
import { connectAndSync, finished, sapKey, submit } from "./support/jobs-fixture.ts";
import { ADMIN_PASSWORD, startStack, type TestStack } from "./support/stack-processes.ts";

describe("a full run's logs", () => {
  let stack: TestStack;
  let aws: AwsKmsProcess;
  beforeAll(async () => {
    [stack, aws] = await Promise.all([
      startStack({ env: { LOG_LEVEL: "debug" }, sapEnv: { LOG_LEVEL: "debug" } }),
      startAwsKms({ env: { LOG_LEVEL: "debug" } }),
    ]);
    await connectAndSync(stack);
  });
  afterAll(async () => {
    await Promise.allSettled([stack?.stop(), aws?.stop()]);
  });

  /** Issue 15: an AWS connection, its KMS, a synchronization and a key's lifecycle, through the API. */
  async function awsRun(): Promise<void> {
    const connection = await stack.call("POST", "/connectionmgmt/services/aws/connections", {
      name: "aws-redaction",
      access_key_id: AWS_ACCESS_KEY_ID,
      secret_access_key: AWS_SECRET_ACCESS_KEY,
      endpoint: aws.url,
    });
    expect(connection.status).toBe(201);
    expect((await stack.call("POST", "/connectionmgmt/services/aws/connections/aws-redaction/test")).status).toBe(200);
    const kms = {
      name: "aws-redaction",
      account_id: "111122223333",
      connection: "aws-redaction",
      regions: ["us-east-1"],
    };
    expect((await stack.call("POST", "/cckm/aws/kms", kms)).status).toBe(201);
    const sync = await stack.call("POST", "/cckm/aws/synchronization-jobs", { kms: ["aws-redaction"] });
    for (let i = 0; i < 200; i++) {
      const job = await stack.call("GET", `/cckm/aws/synchronization-jobs/${sync.body.id}`);
      if (job.body.overall_status !== "in_progress") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const key = (await stack.call("GET", "/cckm/aws/keys?alias=demo-app-data")).body.resources[0];
    expect((await stack.call("POST", `/cckm/aws/keys/${key.id}/schedule-deletion`, { days: 7 })).status).toBe(200);
    expect((await stack.call("POST", `/cckm/aws/keys/${key.id}/cancel-deletion`)).status).toBe(200);
  }

  it("hold no KEK, secret, password, token or key material", async () => {
    const { sap, id } = await sapKey(stack, { name: "redaction", type: "AES", versions: 2 });
    // The material, as the test (not the orchestrator) sees it, to look for it in the logs.
    const wrapping = await createExportWrappingKey();
    const materials = await Promise.all(
      [0, 1].map((v) => stack.sap.client().exportVersionMaterial(sap.id, v, wrapping)),
    );
    const token = await fetch(`${stack.apiUrl}/api/v1/auth/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "password", username: "admin", password: ADMIN_PASSWORD }),
    }).then((r) => r.json() as Promise<{ jwt: string; refresh_token: string }>);
    await fetch(`${stack.apiUrl}/api/v1/usermgmt/users`, { headers: { authorization: `Bearer ${token.jwt}` } });

    const deleted = await submit(stack, { id, operation: "delete" });
    expect(await finished(stack, deleted.body.id)).toMatchObject({ state: "DONE" });
    const restored = await submit(stack, { id, operation: "restore" });
    expect(await finished(stack, restored.body.id)).toMatchObject({ state: "DONE" });

    await awsRun();

    const logs = [
      stack.api.output(),
      ...stack.workers.map((w) => w.output()),
      stack.sap.process.output(),
      aws.process.output(),
    ].join("\n");
    expect(logs.length).toBeGreaterThan(10_000); // debug logs of a whole run: there is something to search
    expect(logs).toContain(deleted.body.id); // job ids are logged...
    expect(logs).toContain("aws sync finished"); // ...and the AWS run is in them
    const forbidden: Record<string, string> = {
      BACKUP_KEK: stack.env.BACKUP_KEK as string,
      JWT_SECRET: stack.env.JWT_SECRET as string,
      ADMIN_PASSWORD,
      "SAP technical user secret": stack.sapCredentials.secret,
      "AWS secret access key": AWS_SECRET_ACCESS_KEY,
      "access token": token.jwt,
      "refresh token": token.refresh_token,
    };
    for (const [i, m] of materials.entries()) {
      forbidden[`material v${i} (hex)`] = m.material.toString("hex");
      forbidden[`material v${i} (base64)`] = m.material.toString("base64");
      forbidden[`material v${i} (base64url)`] = m.material.toString("base64url");
    }
    for (const [name, value] of Object.entries(forbidden)) {
      expect(value.length, name).toBeGreaterThan(8);
      expect(logs.includes(value), `${name} appears in the logs`).toBe(false);
    }
  });
});
