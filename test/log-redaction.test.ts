import { createKeyring } from "@cckm/crypto";
import { createPool, createPrismaClient } from "@cckm/db";
import { localKeyMaterial } from "@cckm/inventory";
import { createExportWrappingKey } from "@cckm/sap-kms-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AWS_ACCESS_KEY_ID,
  AWS_SECRET_ACCESS_KEY,
  type AwsKmsProcess,
  startAwsKms,
} from "./support/aws-kms-process.ts";
import { connectAndSync, finished, sapKey, submit } from "./support/jobs-fixture.ts";
import { OCI_DEMO, type OciKmsProcess, startOciKms } from "./support/oci-kms-process.ts";
import { ADMIN_PASSWORD, startStack, type TestStack, waitFor } from "./support/stack-processes.ts";

describe("a full run's logs", () => {
  let stack: TestStack;
  let aws: AwsKmsProcess;
  let oci: OciKmsProcess;
  beforeAll(async () => {
    [stack, aws, oci] = await Promise.all([
      startStack({ env: { LOG_LEVEL: "debug" }, sapEnv: { LOG_LEVEL: "debug" } }),
      startAwsKms({ env: { LOG_LEVEL: "debug" } }),
      startOciKms({ env: { LOG_LEVEL: "debug", OCI_KMS_TRANSITION_DELAY_MS: "300" } }),
    ]);
    await connectAndSync(stack);
  });
  afterAll(async () => {
    await Promise.allSettled([stack?.stop(), aws?.stop(), oci?.stop()]);
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

  /**
   * Issue 16: an OCI connection (its private key), its vaults, a synchronization, a deletion scheduled
   * and cancelled, and a version uploaded from a local key, through the API. Answers the uploaded material.
   */
  async function ociRun(): Promise<Buffer> {
    const connection = await stack.call("POST", "/connectionmgmt/services/oci/connections", {
      name: "oci-redaction",
      products: ["cckm"],
      tenancy_ocid: OCI_DEMO.tenancy,
      user_ocid: OCI_DEMO.user,
      fingerprint: OCI_DEMO.fingerprint,
      region: OCI_DEMO.region,
      credentials: { key_file: OCI_DEMO.privateKey() },
      kms_endpoint: oci.url,
    });
    expect(connection.status).toBe(201);
    const tested = await stack.call("POST", `/connectionmgmt/services/oci/connections/${connection.body.id}/test`);
    expect(tested.body.connection_ok).toBe(true);
    const vaults = await stack.call("POST", "/cckm/oci/get-vaults", {
      connection: "oci-redaction",
      compartment_id: OCI_DEMO.tenancy,
      region: OCI_DEMO.region,
    });
    const vaultIds = vaults.body.data.map((v: { vault_id: string }) => v.vault_id);
    expect(vaultIds.length).toBeGreaterThan(0);
    const added = await stack.call("POST", "/cckm/oci/add-vaults", {
      connection: "oci-redaction",
      region: OCI_DEMO.region,
      vault_id: vaultIds,
    });
    expect(added.status).toBe(200);
    const sync = await stack.call("POST", "/cckm/oci/synchronization-jobs", {
      synchronize_all: true,
      connection: "oci-redaction",
      compartments: [OCI_DEMO.compartment],
    });
    expect(sync.status).toBe(201);
    const done = await waitFor(
      () => stack.call("GET", `/cckm/oci/synchronization-jobs/${sync.body.id}`),
      (r) => r.body.overall_status !== "in_progress",
      30_000,
    );
    expect(done.body.overall_status).toBe("completed");
    const key = (await stack.call("GET", "/cckm/oci/keys?key_name=demo-aes-256")).body.resources[0];
    expect((await stack.call("POST", `/cckm/oci/keys/${key.id}/schedule-deletion`, { days: 7 })).status).toBe(200);
    await waitFor(
      () => stack.call("POST", `/cckm/oci/keys/${key.id}/refresh`),
      (r) => r.status === 200 && r.body.oci_params.lifecycle_state === "PENDING_DELETION",
      20_000,
    );
    expect((await stack.call("POST", `/cckm/oci/keys/${key.id}/cancel-deletion`)).status).toBe(200);
    await waitFor(
      () => stack.call("POST", `/cckm/oci/keys/${key.id}/refresh`),
      (r) => r.status === 200 && r.body.oci_params.lifecycle_state === "ENABLED",
      20_000,
    );
    const local = await stack.call("POST", "/vault/keys2", { name: "redaction-aes", algorithm: "aes", size: 256 });
    expect(local.status).toBe(201);
    const uploaded = await stack.call("POST", `/cckm/oci/keys/${key.id}/versions`, {
      is_native: false,
      source_key_identifier: local.body.id,
      source_key_tier: "local",
    });
    expect(uploaded.status).toBe(201);
    // The material, as the test (not the orchestrator) sees it, to look for it in the logs.
    const pool = createPool(stack.db.url);
    try {
      const keyring = createKeyring({ id: stack.env.BACKUP_KEK_ID as string, base64: stack.env.BACKUP_KEK as string });
      return await localKeyMaterial(createPrismaClient(pool), keyring, local.body.id);
    } finally {
      await pool.end();
    }
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
    const uploaded = await ociRun();

    const logs = [
      stack.api.output(),
      ...stack.workers.map((w) => w.output()),
      stack.sap.process.output(),
      aws.process.output(),
      oci.process.output(),
    ].join("\n");
    expect(logs.length).toBeGreaterThan(10_000); // debug logs of a whole run: there is something to search
    expect(logs).toContain(deleted.body.id); // job ids are logged...
    expect(logs).toContain("aws sync finished"); // ...and the AWS run is in them
    expect(logs).toContain("oci sync finished"); // ...and the OCI run
    const forbidden: Record<string, string> = {
      BACKUP_KEK: stack.env.BACKUP_KEK as string,
      JWT_SECRET: stack.env.JWT_SECRET as string,
      ADMIN_PASSWORD,
      "SAP technical user secret": stack.sapCredentials.secret,
      "AWS secret access key": AWS_SECRET_ACCESS_KEY,
      "uploaded OCI key material (hex)": uploaded.toString("hex"),
      "uploaded OCI key material (base64)": uploaded.toString("base64"),
      "uploaded OCI key material (base64url)": uploaded.toString("base64url"),
      "access token": token.jwt,
      "refresh token": token.refresh_token,
    };
    for (const [i, m] of materials.entries()) {
      forbidden[`material v${i} (hex)`] = m.material.toString("hex");
      forbidden[`material v${i} (base64)`] = m.material.toString("base64");
      forbidden[`material v${i} (base64url)`] = m.material.toString("base64url");
    }
    // The OCI user's private key, line by line (its PEM body; any one line is enough to leak it).
    const pemLines = OCI_DEMO.privateKey()
      .split("\n")
      .filter((l) => l.length > 20 && !l.startsWith("-----"));
    expect(pemLines.length).toBeGreaterThan(5);
    for (const [i, line] of pemLines.entries()) forbidden[`OCI private key line ${i}`] = line;
    for (const [name, value] of Object.entries(forbidden)) {
      expect(value.length, name).toBeGreaterThan(8);
      expect(logs.includes(value), `${name} appears in the logs`).toBe(false);
    }
  });
});
