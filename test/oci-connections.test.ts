import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ociKeysFixture } from "./support/oci-keys-fixture.ts";
import { OCI_DEMO } from "./support/oci-kms-process.ts";

/**
 * Issue 16, the connection and vault routes and the synchronization they feed (the key routes:
 * oci-keys.test.ts; the version routes: oci-key-versions.test.ts).
 */
describe("OCI keys end to end: connections and vaults", () => {
  const f = ociKeysFixture();
  const { call, connectionBody, keyNamed, sync } = f;

  beforeAll(() => f.start(), 120_000);
  afterAll(async () => {
    try {
      // oci-key-versions.test.ts's last test (the private key's part), over this file's answers and processes.
      await f.expectPrivateKeyNowhere();
    } finally {
      await f.stop();
    }
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
    f.connectionId = created.body.id;
    expect(created.body).toMatchObject({ name: "oci-demo", service: "oci", tenancy_ocid: OCI_DEMO.tenancy });
    expect(created.body).not.toHaveProperty("credentials");
    const again = await call("POST", "/connectionmgmt/services/oci/connections", connectionBody("oci-demo"));
    expect(again.status).toBe(409);

    const tested = await call("POST", `/connectionmgmt/services/oci/connections/${f.connectionId}/test`);
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
    expect((await call("DELETE", `/connectionmgmt/services/oci/connections/${f.connectionId}`)).status).toBe(409);
  });
});
