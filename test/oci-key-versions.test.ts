import { createHash } from "node:crypto";
import { createKeyring } from "@cckm/crypto";
import { createPool, createPrismaClient } from "@cckm/db";
import { localKeyMaterial } from "@cckm/inventory";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ociKeysFixture } from "./support/oci-keys-fixture.ts";
import { waitFor } from "./support/stack-processes.ts";

/**
 * Issue 16, the key version routes: native versions and BYOK uploads from local keys (the key
 * routes: oci-keys.test.ts). Over the demo connection's two vaults, synchronized once before the first test.
 */
describe("OCI keys end to end: key versions", () => {
  const f = ociKeysFixture();
  const { call, keyNamed } = f;
  // The BYOK test's local key material, to prove it is in no answer, log line or queue payload.
  let uploadedMaterial: Buffer | undefined;

  beforeAll(() => f.start({ synchronized: true }), 120_000);
  afterAll(() => f.stop());

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
    const pool = createPool(f.stack.db.url);
    try {
      const keyring = createKeyring({
        id: f.stack.env.BACKUP_KEK_ID as string,
        base64: f.stack.env.BACKUP_KEK as string,
      });
      const material = await localKeyMaterial(createPrismaClient(pool), keyring, local.body.id);
      uploadedMaterial = material;
      const own = await f.oci.admin("GET", `/keys/${key.oci_params.key_id}/versions/${versionOcid}/fingerprint`);
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

  it("shows the private key and the uploaded key material in no answer, no log line and no queue payload", async () => {
    await f.expectPrivateKeyNowhere();
    expect(uploadedMaterial?.length).toBeGreaterThan(8);
    const material = uploadedMaterial as Buffer;
    const logs = f.logs();
    for (const encoded of [material.toString("hex"), material.toString("base64"), material.toString("base64url")]) {
      expect(f.answers.join("").includes(encoded)).toBe(false);
      expect(logs.includes(encoded)).toBe(false);
    }
  });
});
