import { createPool } from "@cckm/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ociKeysFixture } from "./support/oci-keys-fixture.ts";
import { OCI_DEMO } from "./support/oci-kms-process.ts";
import { waitFor } from "./support/stack-processes.ts";

/**
 * Issue 16, the key routes: lists, lifecycle actions, creation, upstream faults, keys gone upstream
 * (the connection and vault routes: oci-connections.test.ts). Over the demo connection's two vaults,
 * synchronized once before the first test.
 */
describe("OCI keys end to end: keys", () => {
  const f = ociKeysFixture();
  const { call, keyNamed, refreshUntil, sync } = f;

  beforeAll(() => f.start({ synchronized: true }), 120_000);
  afterAll(async () => {
    try {
      // oci-key-versions.test.ts's last test (the private key's part), over this file's answers and processes.
      await f.expectPrivateKeyNowhere();
    } finally {
      await f.stop();
    }
  });

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
    const own = await f.oci
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
    expect((await f.oci.admin("PUT", "/faults", { faults: [{ route: "keys.disable", status: 500 }] })).status).toBe(
      200,
    );
    const down = await call("POST", `/cckm/oci/keys/${key.id}/disable`);
    expect(down.status).toBe(502);
    expect(down.body).toMatchObject({ code: 502, codeDesc: "NCERRBadGateway: Upstream error" });
    expect(down.body.message).toMatch(/after 3 attempts/);
    await f.oci.admin("PUT", "/faults", { faults: [{ route: "keys.disable", rateLimit: 0, retryAfterSeconds: 0 }] });
    const limited = await call("POST", `/cckm/oci/keys/${key.id}/disable`);
    expect(limited.status).toBe(503);
    // 429 is retried within the client's bound, then answered with a clear error.
    expect(limited.body).toMatchObject({
      code: 503,
      message: expect.stringMatching(/rate limiting \(after 3 attempts\)/),
    });
    expect((await call("GET", `/cckm/oci/keys/${key.id}`)).body).toEqual(before);
    const own = await f.oci
      .client()
      .getKey((await call("GET", `/cckm/oci/vaults/${key.vault_id}`)).body.management_endpoint, key.oci_params.key_id);
    expect(own.lifecycleState).toBe("ENABLED");
    await f.oci.admin("PUT", "/faults", { faults: [{ route: "keys.get", status: 503, times: 1 }] });
    expect((await call("POST", `/cckm/oci/keys/${key.id}/refresh`)).status).toBe(200);
    await f.oci.admin("DELETE", "/faults");
  }, 60_000);

  it("marks a key OCI no longer lists gone, and fails a sync OCI refuses with the code", async () => {
    const vault = (await call("GET", "/cckm/oci/vaults?display_name=demo-default-vault")).body.resources[0];
    const pool = createPool(f.stack.db.url);
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
    await call("PATCH", `/connectionmgmt/services/oci/connections/${f.connectionId}`, { fingerprint: wrong });
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
    await call("PATCH", `/connectionmgmt/services/oci/connections/${f.connectionId}`, {
      fingerprint: OCI_DEMO.fingerprint,
    });
    expect((await call("GET", "/cckm/oci/keys?gone=false&limit=-1")).body.total).toBe(9);
  }, 90_000);
});
