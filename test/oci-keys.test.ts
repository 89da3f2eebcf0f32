import { createHash } from "node:crypto";
import { createKeyring } from "@cckm/crypto";
import { createPool, createPrismaClient } from "@cckm/db";
import { localKeyMaterial } from "@cckm/inventory";
import { OCI_SYNC_JOBS_QUEUE } from "@cckm/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OCI_DEMO, type OciKmsProcess, startOciKms } from "./support/oci-kms-process.ts";
import { type OpenApiDocument, openApiChecker } from "./support/openapi-answers.ts";
import { expectIdOnlyPayloads } from "./support/queue-payloads.ts";
import { startStack, type TestStack, waitFor } from "./support/stack-processes.ts";

/**
 * Issue 16 over real processes: the API and a worker (through the launcher), Postgres, Redis and
 * the OCI KMS simulator, which Oracle's SDK talks to through @cckm/oci-kms-client.
 */
describe("OCI keys end to end", () => {
  let stack: TestStack;
  let oci: OciKmsProcess;
  const answers: string[] = [];
  let connectionId: string;
  // The BYOK test's local key material, to prove it is in no answer, log line or queue payload.
  let uploadedMaterial: Buffer | undefined;

  // Every answer is kept, to prove the private key is in none of them.
  // Every answer as the OpenAPI document the API serves declares it (status and body).
  let checker: ReturnType<typeof openApiChecker>;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await stack.call(method, path, body);
    checker.check(method, `${stack.apiUrl}/api/v1${path}`, res.status, res.body ?? undefined);
    answers.push(JSON.stringify(res.body));
    return res;
  };
  const connectionBody = (name: string) => ({
    name,
    products: ["cckm"],
    tenancy_ocid: OCI_DEMO.tenancy,
    user_ocid: OCI_DEMO.user,
    fingerprint: OCI_DEMO.fingerprint,
    region: OCI_DEMO.region,
    credentials: { key_file: OCI_DEMO.privateKey() },
    kms_endpoint: oci.url,
  });
  const keyNamed = async (name: string) => {
    const { body } = await call("GET", `/cckm/oci/keys?key_name=${name}`);
    expect(body.total).toBe(1);
    return body.resources[0];
  };
  const refreshUntil = (id: string, state: string) =>
    waitFor(
      () => call("POST", `/cckm/oci/keys/${id}/refresh`),
      (r) => r.status === 200 && r.body.oci_params.lifecycle_state === state,
      20_000,
    );
  const sync = async () => {
    const created = await call("POST", "/cckm/oci/synchronization-jobs", {
      synchronize_all: true,
      connection: "oci-demo",
      compartments: [OCI_DEMO.compartment],
    });
    expect(created.status).toBe(201);
    expect(created.body.overall_status).toBe("in_progress");
    const done = await waitFor(
      () => call("GET", `/cckm/oci/synchronization-jobs/${created.body.id}`),
      (r) => r.body.overall_status !== "in_progress",
      30_000,
    );
    expect(done.body.overall_status).toBe("completed");
    return done.body;
  };

  beforeAll(async () => {
    oci = await startOciKms({ env: { OCI_KMS_TRANSITION_DELAY_MS: "300" } });
    stack = await startStack();
    checker = openApiChecker((await (await fetch(`${stack.apiUrl}/api/docs/openapi.json`)).json()) as OpenApiDocument);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await oci?.stop();
  });

  it("tests parameters, then creates a connection whose private key is sealed and never shown", async () => {
    const ok = await call("POST", "/connectionmgmt/services/oci/connection-test", connectionBody("x"));
    expect(ok.status).toBe(200);
    expect(ok.body.connection_ok).toBe(true);
    const wrong = await call("POST", "/connectionmgmt/services/oci/connection-test", {
      ...connectionBody("x"),
      fingerprint: "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff",
    });
    expect(wrong.body.connection_ok).toBe(false);
    expect(wrong.body.message).toMatch(/NOT_AUTHENTICATED/);

    const created = await call("POST", "/connectionmgmt/services/oci/connections", connectionBody("oci-demo"));
    expect(created.status).toBe(201);
    connectionId = created.body.id;
    expect(created.body).toMatchObject({ name: "oci-demo", service: "oci", tenancy_ocid: OCI_DEMO.tenancy });
    expect(created.body).not.toHaveProperty("credentials");
    const again = await call("POST", "/connectionmgmt/services/oci/connections", connectionBody("oci-demo"));
    expect(again.status).toBe(409);

    const tested = await call("POST", `/connectionmgmt/services/oci/connections/${connectionId}/test`);
    expect(tested.body.connection_ok).toBe(true);
    const shown = await call("GET", "/connectionmgmt/services/oci/connections/oci-demo");
    expect(shown.body.last_connection_ok).toBe(true);
    const bad = await call("POST", "/connectionmgmt/services/oci/connections", {
      ...connectionBody("meta"),
      kms_endpoint: "http://169.254.169.254",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/kms_endpoint/);
  });

  it("lists the tenancy's vaults, adds them, synchronizes: every key once, also after a second sync", async () => {
    const listed = await call("POST", "/cckm/oci/get-vaults", {
      connection: "oci-demo",
      compartment_id: OCI_DEMO.tenancy,
      region: OCI_DEMO.region,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((v: { display_name: string }) => v.display_name).sort()).toEqual([
      "demo-default-vault",
      "demo-private-vault",
    ]);
    const added = await call("POST", "/cckm/oci/add-vaults", {
      connection: "oci-demo",
      region: OCI_DEMO.region,
      vault_id: listed.body.data.map((v: { vault_id: string }) => v.vault_id),
    });
    expect(added.status).toBe(200);
    expect(added.body.resources).toHaveLength(2);
    expect(added.body.resources[0].uri).toMatch(/^kylo:kylo:cckm:oci-vault:/);
    expect((await call("GET", "/cckm/oci/vaults")).body.total).toBe(2);

    const first = await sync();
    expect(first.details.vaults.reduce((n: number, v: { keys: number }) => n + v.keys, 0)).toBe(8);
    const keys = await call("GET", "/cckm/oci/keys?limit=-1");
    expect(keys.body.total).toBe(8);
    await sync();
    const after = await call("GET", "/cckm/oci/keys?limit=-1");
    expect(after.body.total).toBe(8);
    const ids = (r: typeof keys) => r.body.resources.map((k: { id: string }) => k.id).sort();
    expect(ids(after)).toEqual(ids(keys));
    const aes = await keyNamed("demo-aes-256");
    const versions = await call("GET", `/cckm/oci/keys/${aes.id}/versions`);
    expect(versions.body.total).toBe(3);
    expect((await call("GET", "/cckm/oci/keys?gone=true")).body.total).toBe(0);
    // PATCH a vault onto the connection it already has: refreshed, same id.
    const vault = added.body.resources[0];
    const patched = await call("PATCH", `/cckm/oci/vaults/${vault.id}`, { connection: "oci-demo" });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: vault.id, connection: "oci-demo" });
  }, 90_000);

  it("lists with every documented filter: known ones strict, unknown ones ignored, unheld ones answered", async () => {
    const all = (await call("GET", "/cckm/oci/keys?limit=-1")).body;
    const total = all.total as number;
    const count = async (q: string) => {
      const res = await call("GET", `/cckm/oci/keys?limit=-1&${q}`);
      expect(res.status, q).toBe(200);
      return res.body.total as number;
    };
    type Vault = { id: string; vault_id: string };
    const vaults = (await call("GET", "/cckm/oci/vaults?limit=-1")).body.resources as Vault[];
    const inVault = (id: string) => all.resources.filter((k: { vault_id: string }) => k.vault_id === id).length;
    for (const vault of vaults) {
      expect(inVault(vault.id)).toBeGreaterThan(0);
      // `vault_id`: the vault's OCID (CipherTrust's "ID of the OCI vault"), or the CM id a key shows.
      expect(await count(`vault_id=${vault.vault_id}`)).toBe(inVault(vault.id));
      expect(await count(`vault_id=${vault.id}`)).toBe(inVault(vault.id));
      expect(await count(`cckm_vault_id=${vault.id}`)).toBe(inVault(vault.id));
    }
    expect(await count(`tenancy=${OCI_DEMO.tenancy}`)).toBe(total);
    expect(await count(`region=${OCI_DEMO.region}&algorithm=AES`)).toBe(
      all.resources.filter((k: { oci_params: { algorithm: string } }) => k.oci_params.algorithm === "AES").length,
    );
    // Nothing here has a rotation job, a HYOK link or a block: asked for, they match none.
    expect(await count("job_config_id=rotation-1")).toBe(0);
    expect(await count("local_hyok_key_id=x")).toBe(0);
    expect(await count("blocked=true")).toBe(0);
    expect(await count("blocked=false")).toBe(total);
    // Accepted, not applied (no compartment names or HYOK links are held); unknown names are ignored.
    expect(await count("compartment_name=anything&linked_state=true&no_such_filter=1")).toBe(total);
    expect((await call("GET", "/cckm/oci/keys?blocked=maybe")).status).toBe(400);
    expect((await call("GET", "/cckm/oci/keys?cckm_vault_id=not-a-uuid")).status).toBe(400);
    // The docs' example sorts by updatedAt; ascending and descending are each other's reverse.
    const sorted = async (sort: string) =>
      (await call("GET", `/cckm/oci/keys?limit=-1&sort=${sort}`)).body.resources.map((k: { id: string }) => k.id);
    const up = await sorted("updatedAt");
    const down = await sorted("-updatedAt");
    expect(up).toHaveLength(total);
    expect(down).toEqual([...up].reverse());

    const aes = await keyNamed("demo-aes-256");
    const versions = (await call("GET", `/cckm/oci/keys/${aes.id}/versions?limit=-1&sort=updatedAt`)).body;
    expect(versions.total).toBe(3);
    const one = versions.resources[0];
    for (const ref of [one.id, one.oci_key_version_params.version_id]) {
      const found = (await call("GET", `/cckm/oci/keys/${aes.id}/versions?version_id=${ref}`)).body;
      expect(found.resources.map((v: { id: string }) => v.id)).toEqual([one.id]);
    }
    expect((await call("GET", `/cckm/oci/keys/${aes.id}/versions?is_primary=maybe`)).status).toBe(400);
  });

  it("schedules a deletion, cancels it (seed 000's shape, CANCELLING_DELETION), refreshes until ENABLED", async () => {
    const key = await keyNamed("demo-aes-256");
    const scheduled = await call("POST", `/cckm/oci/keys/${key.id}/schedule-deletion`, { days: 7 });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.oci_params.lifecycle_state).toBe("SCHEDULING_DELETION");
    expect((await call("POST", `/cckm/oci/keys/${key.id}/schedule-deletion`, { days: 3 })).status).toBe(400);
    await refreshUntil(key.id, "PENDING_DELETION");

    const cancelled = await call("POST", `/cckm/oci/keys/${key.id}/cancel-deletion`);
    expect(cancelled.status).toBe(200);
    const b = cancelled.body;
    // Seed 000, field for field.
    for (const field of [
      "id",
      "uri",
      "account",
      "createdAt",
      "updatedAt",
      "vault_id",
      "tenancy",
      "region",
      "key_material_origin",
      "refreshed_at",
      "oci_params",
    ])
      expect(b).toHaveProperty(field);
    expect(b.uri).toBe(`kylo:kylo:cckm:oci-key:${key.id}`);
    expect(b.account).toBe("kylo:kylo:admin:accounts:kylo");
    expect(b.vault_id).toBe(key.vault_id);
    expect(b.region).toBe("us-ashburn-1");
    expect(b.key_material_origin).toBe("native");
    for (const field of [
      "compartment_id",
      "current_key_version",
      "display_name",
      "key_id",
      "algorithm",
      "length",
      "lifecycle_state",
      "time_created",
      "vault_name",
      "defined_tags",
      "freeform_tags",
      "protection_mode",
      "is_primary",
    ])
      expect(b.oci_params).toHaveProperty(field);
    expect(b.oci_params).toMatchObject({
      lifecycle_state: "CANCELLING_DELETION",
      algorithm: "AES",
      length: 32,
      protection_mode: "SOFTWARE",
      display_name: "demo-aes-256",
      vault_name: "demo-default-vault",
      is_primary: true,
    });
    expect(b.oci_params.key_id).toMatch(/^ocid1\.key\./);
    expect(b.oci_params.current_key_version).toMatch(/^ocid1\.keyversion\./);
    // The stored key is what the action answered.
    expect((await call("GET", `/cckm/oci/keys/${key.id}`)).body.oci_params.lifecycle_state).toBe("CANCELLING_DELETION");

    const enabled = await refreshUntil(key.id, "ENABLED");
    expect(enabled.body.cloud_name).toBe("oci");
    expect(enabled.body.oci_params).not.toHaveProperty("time_of_deletion");
    const own = await oci
      .client()
      .getKey((await call("GET", `/cckm/oci/vaults/${key.vault_id}`)).body.management_endpoint, key.oci_params.key_id);
    expect(own.lifecycleState).toBe("ENABLED");
  }, 60_000);

  it("refuses wrong-state actions and unknown ids with CipherTrust's body, changing nothing", async () => {
    const key = await keyNamed("demo-aes-256");
    const before = (await call("GET", `/cckm/oci/keys/${key.id}`)).body;
    const wrong = await call("POST", `/cckm/oci/keys/${key.id}/cancel-deletion`);
    expect(wrong.status).toBe(409);
    expect(wrong.body).toMatchObject({ code: 409, codeDesc: "NCERRConflict: Conflict" });
    expect(wrong.body.message).toMatch(/ENABLED/);
    expect((await call("POST", `/cckm/oci/keys/${key.id}/enable`)).status).toBe(409);
    expect((await call("GET", `/cckm/oci/keys/${key.id}`)).body).toEqual(before);

    const unknown = await call("POST", "/cckm/oci/keys/00000000-0000-4000-8000-000000000000/cancel-deletion");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 16, codeDesc: "NCERRResourceNotFound: Resource not found" });
    expect((await call("GET", "/cckm/oci/vaults/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await call("GET", "/cckm/oci/keys/not-a-key")).status).toBe(404);
  });

  it("disables and enables a key through their transitional states", async () => {
    const key = await keyNamed("demo-rsa-2048");
    const disabling = await call("POST", `/cckm/oci/keys/${key.id}/disable`);
    expect(disabling.body.oci_params.lifecycle_state).toBe("DISABLING");
    await refreshUntil(key.id, "DISABLED");
    const enabling = await call("POST", `/cckm/oci/keys/${key.id}/enable`);
    expect(enabling.body.oci_params.lifecycle_state).toBe("ENABLING");
    await refreshUntil(key.id, "ENABLED");
  }, 60_000);

  it("adds a native version (seed 004's shape, CREATING), ENABLED after a refresh", async () => {
    const key = await keyNamed("demo-aes-256");
    const added = await call("POST", `/cckm/oci/keys/${key.id}/versions`, { is_native: true });
    expect(added.status).toBe(201);
    const v = added.body;
    expect(v.uri).toBe(`kylo:kylo:cckm:oci-key-version:${v.id}`);
    expect(v).toMatchObject({ key_material_origin: "native", gone: false });
    expect(v.oci_key_version_params).toMatchObject({
      key_id: key.oci_params.key_id,
      lifecycle_state: "CREATING",
      origin: "INTERNAL",
      is_primary: true,
    });
    expect(v.oci_key_version_params.vault_id).toMatch(/^ocid1\.vault\./);
    expect(v.oci_key_version_params.version_id).toMatch(/^ocid1\.keyversion\./);
    await waitFor(
      () => call("POST", `/cckm/oci/keys/${key.id}/refresh`),
      (r) => r.body.oci_params.current_key_version === v.oci_key_version_params.version_id,
      20_000,
    );
    const got = await call("GET", `/cckm/oci/keys/${key.id}/versions/${v.id}`);
    expect(got.body.oci_key_version_params.lifecycle_state).toBe("ENABLED");
    const byOcid = await call("GET", `/cckm/oci/keys/${key.id}/versions/${v.oci_key_version_params.version_id}`);
    expect(byOcid.body.id).toBe(v.id);
    expect((await call("GET", `/cckm/oci/keys/${key.id}/versions`)).body.total).toBe(4);

    const dsm = await call("POST", `/cckm/oci/keys/${key.id}/versions`, {
      is_native: false,
      source_key_identifier: "k",
      source_key_tier: "dsm",
    });
    expect(dsm.status).toBe(400);
    expect(dsm.body.message).toMatch(/no dsm key source/);
  }, 60_000);

  it("uploads a version from a local key (BYOK): seed 004's shape, EXTERNAL, the same material on OCI", async () => {
    const local = await call("POST", "/vault/keys2", { name: "byok-aes", algorithm: "aes", size: 256 });
    expect(local.status).toBe(201);
    expect(local.body).toMatchObject({ name: "byok-aes", algorithm: "aes", size: 256 });
    expect(Object.keys(local.body)).not.toContain("material");
    const rsa = await call("POST", "/vault/keys2", { name: "byok-rsa", algorithm: "RSA", size: 2048 });
    expect(rsa.status).toBe(201);
    expect((await call("GET", "/vault/keys2/byok-aes")).body.id).toBe(local.body.id);

    const key = await keyNamed("demo-aes-256");
    const mismatch = await call("POST", `/cckm/oci/keys/${key.id}/versions`, {
      is_native: false,
      source_key_identifier: "byok-rsa",
    });
    expect(mismatch.status).toBe(400);
    const uploaded = await call("POST", `/cckm/oci/keys/${key.id}/versions`, {
      is_native: false,
      source_key_identifier: local.body.id,
      source_key_tier: "local",
    });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ key_material_origin: "cckm", source_key_identifier: local.body.id });
    expect(uploaded.body.uri).toBe(`kylo:kylo:cckm:oci-key-version:${uploaded.body.id}`);
    expect(uploaded.body.oci_key_version_params).toMatchObject({ lifecycle_state: "CREATING", origin: "EXTERNAL" });
    const versionOcid = uploaded.body.oci_key_version_params.version_id;

    // The simulator's fingerprint of the imported material is the SHA-256 of the local key's own.
    const pool = createPool(stack.db.url);
    try {
      const keyring = createKeyring({ id: stack.env.BACKUP_KEK_ID as string, base64: stack.env.BACKUP_KEK as string });
      const material = await localKeyMaterial(createPrismaClient(pool), keyring, local.body.id);
      uploadedMaterial = material;
      const own = await oci.admin("GET", `/keys/${key.oci_params.key_id}/versions/${versionOcid}/fingerprint`);
      expect((own.body as { fingerprint: string }).fingerprint).toBe(
        createHash("sha256").update(material).digest("hex"),
      );
    } finally {
      await pool.end();
    }
    await waitFor(
      () => call("POST", `/cckm/oci/keys/${key.id}/refresh`),
      (r) => r.body.oci_params.current_key_version === versionOcid,
      20_000,
    );
    const got = await call("GET", `/cckm/oci/keys/${key.id}/versions/${versionOcid}`);
    expect(got.body.oci_key_version_params.lifecycle_state).toBe("ENABLED");
    expect(got.body.key_material_origin).toBe("cckm");
  }, 60_000);

  it("creates a key on OCI (CREATING, then ENABLED) and renames and tags it", async () => {
    const vault = (await call("GET", "/cckm/oci/vaults?display_name=demo-default-vault")).body.resources[0];
    const bad = await call("POST", "/cckm/oci/keys", { name: "k", vault: vault.id, algorithm: "AES", length: 31 });
    expect(bad.status).toBe(400);
    const made = await call("POST", "/cckm/oci/keys", {
      name: "made-by-cckm",
      vault: vault.id,
      algorithm: "AES",
      length: 32,
      protection_mode: "SOFTWARE",
    });
    expect(made.status).toBe(201);
    expect(made.body.oci_params).toMatchObject({ display_name: "made-by-cckm", lifecycle_state: "CREATING" });
    await refreshUntil(made.body.id, "ENABLED");
    const renamed = await call("PATCH", `/cckm/oci/keys/${made.body.id}`, {
      display_name: "renamed-by-cckm",
      freeform_tags: { team: "kms" },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.oci_params).toMatchObject({ display_name: "renamed-by-cckm", freeform_tags: { team: "kms" } });
    expect((await call("PATCH", `/cckm/oci/keys/${made.body.id}`, {})).status).toBe(400);
  }, 60_000);

  it("answers an upstream outage 502, then 503 for rate limits, and changes nothing; one 503 is retried away", async () => {
    const key = await keyNamed("demo-aes-256");
    const before = (await call("GET", `/cckm/oci/keys/${key.id}`)).body;
    expect((await oci.admin("PUT", "/faults", { faults: [{ route: "keys.disable", status: 500 }] })).status).toBe(200);
    const down = await call("POST", `/cckm/oci/keys/${key.id}/disable`);
    expect(down.status).toBe(502);
    expect(down.body).toMatchObject({ code: 502, codeDesc: "NCERRBadGateway: Upstream error" });
    expect(down.body.message).toMatch(/after 3 attempts/);
    await oci.admin("PUT", "/faults", { faults: [{ route: "keys.disable", rateLimit: 0, retryAfterSeconds: 0 }] });
    const limited = await call("POST", `/cckm/oci/keys/${key.id}/disable`);
    expect(limited.status).toBe(503);
    // 429 is retried within the client's bound, then answered with a clear error.
    expect(limited.body).toMatchObject({
      code: 503,
      message: expect.stringMatching(/rate limiting \(after 3 attempts\)/),
    });
    expect((await call("GET", `/cckm/oci/keys/${key.id}`)).body).toEqual(before);
    const own = await oci
      .client()
      .getKey((await call("GET", `/cckm/oci/vaults/${key.vault_id}`)).body.management_endpoint, key.oci_params.key_id);
    expect(own.lifecycleState).toBe("ENABLED");
    await oci.admin("PUT", "/faults", { faults: [{ route: "keys.get", status: 503, times: 1 }] });
    expect((await call("POST", `/cckm/oci/keys/${key.id}/refresh`)).status).toBe(200);
    await oci.admin("DELETE", "/faults");
  }, 60_000);

  it("answers a connection whose signature OCI refuses with a 4xx", async () => {
    const made = await call("POST", "/connectionmgmt/services/oci/connections", {
      ...connectionBody("oci-wrong-key"),
      fingerprint: "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff",
    });
    expect(made.status).toBe(201);
    const vaults = await call("POST", "/cckm/oci/get-vaults", {
      connection: "oci-wrong-key",
      compartment_id: OCI_DEMO.tenancy,
    });
    expect(vaults.status).toBe(400);
    expect(vaults.body.message).toMatch(/signature/);
    expect((await call("DELETE", `/connectionmgmt/services/oci/connections/${made.body.id}`)).status).toBe(204);
    // The demo connection has vaults: it stays.
    expect((await call("DELETE", `/connectionmgmt/services/oci/connections/${connectionId}`)).status).toBe(409);
  });

  it("marks a key OCI no longer lists gone, and fails a sync OCI refuses with the code", async () => {
    const vault = (await call("GET", "/cckm/oci/vaults?display_name=demo-default-vault")).body.resources[0];
    const pool = createPool(stack.db.url);
    try {
      await pool.query(
        `INSERT INTO oci_keys (id, vault_id, key_ocid, compartment_id, display_name, lifecycle_state, algorithm, length, updated_at)
         VALUES (gen_random_uuid(), $1, 'ocid1.key.oc1.iad.vanished', $2, 'vanished', 'ENABLED', 'AES', 32, now())`,
        [vault.id, OCI_DEMO.tenancy],
      );
    } finally {
      await pool.end();
    }
    expect((await keyNamed("vanished")).gone).toBe(false);
    await sync();
    expect((await keyNamed("vanished")).gone).toBe(true);
    expect((await call("GET", "/cckm/oci/keys?gone=true")).body.total).toBe(1);

    const wrong = "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff";
    await call("PATCH", `/connectionmgmt/services/oci/connections/${connectionId}`, { fingerprint: wrong });
    const started = await call("POST", "/cckm/oci/synchronization-jobs", {
      synchronize_all: true,
      connection: "oci-demo",
    });
    const failed = await waitFor(
      () => call("GET", `/cckm/oci/synchronization-jobs/${started.body.id}`),
      (r) => r.body.overall_status !== "in_progress",
      30_000,
    );
    expect(failed.body.overall_status).toBe("failed");
    expect(failed.body.error).toMatch(/^NOT_AUTHENTICATED/);
    await call("PATCH", `/connectionmgmt/services/oci/connections/${connectionId}`, {
      fingerprint: OCI_DEMO.fingerprint,
    });
    expect((await call("GET", "/cckm/oci/keys?gone=false&limit=-1")).body.total).toBe(9);
  }, 90_000);

  it("shows the private key and the uploaded key material in no answer, no log line and no queue payload", async () => {
    const lines = OCI_DEMO.privateKey()
      .split("\n")
      .filter((l) => l.length > 20 && !l.startsWith("-----"));
    const logs = stack.api.output() + stack.workers.map((w) => w.output()).join("");
    for (const line of lines) {
      for (const answer of answers) expect(answer).not.toContain(line);
      expect(logs).not.toContain(line);
    }
    expect(answers.join("")).not.toContain("PRIVATE KEY");
    expect(uploadedMaterial?.length).toBeGreaterThan(8);
    const material = uploadedMaterial as Buffer;
    for (const encoded of [material.toString("hex"), material.toString("base64"), material.toString("base64url")]) {
      expect(answers.join("").includes(encoded)).toBe(false);
      expect(logs.includes(encoded)).toBe(false);
    }
    await expectIdOnlyPayloads(stack, OCI_SYNC_JOBS_QUEUE, ["ociSyncJobId"]);
  });
});
