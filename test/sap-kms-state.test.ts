import { createHash } from "node:crypto";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createExportWrappingKey } from "@cckm/sap-kms-client";
import { liveProcesses, spawnTs } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAP_KMS_ENTRY, startSapKms, TEST_SECRET } from "./support/sap-kms-process.ts";

describe("sap-kms --state-file", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sap-kms-state-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    expect(liveProcesses()).toBe(0);
  });

  it("keeps groups, keys, versions and material across a restart and a crash", async () => {
    const file = join(dir, "state.json");
    const first = await startSapKms({ args: ["--state-file", file] });
    const client = first.client();
    const [hr] = await client.listGroups({ name: "demo-hr" });
    const key = await client.createKey({ name: "kept", groupId: hr?.id ?? "", type: "RSA", exportable: true });
    await client.createVersion(key.id);
    const fingerprints = [await first.admin.fingerprint(key.id, 0), await first.admin.fingerprint(key.id, 1)];
    const demoKeys = (await client.listAllKeys()).map((k) => k.id);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await first.stop();

    // The same client (its token is from the first process) carries on against the restarted one.
    const second = await startSapKms({ env: { SAP_KMS_STATE_FILE: file, SAP_KMS_PORT: new URL(first.url).port } });
    expect(second.process.output()).toContain("tenant restored from the state file");
    expect(second.process.output()).not.toContain(TEST_SECRET);
    expect((await client.listAllKeys()).map((k) => k.id)).toEqual(demoKeys);
    expect(await second.admin.count("auth.request")).toBe(1); // the old token was refused once
    expect((await second.admin.requests({ route: "keys.list" }))[0]?.byStatus).toMatchObject({ "401": 1, "200": 1 });
    expect((await client.getKey(key.id)).meta.totalVersions).toBe(2);
    expect([await second.admin.fingerprint(key.id, 0), await second.admin.fingerprint(key.id, 1)]).toEqual(
      fingerprints,
    );
    const [exported] = await client.exportAllVersions(key.id, await createExportWrappingKey());
    expect(
      createHash("sha256")
        .update(exported?.material ?? Buffer.alloc(0))
        .digest("hex"),
    ).toBe(fingerprints[0]);

    await client.deleteKey(key.id);
    await second.process.stop("SIGKILL"); // a crash right after the answer
    const third = await startSapKms({ args: ["--state-file", file] });
    const after = third.client();
    expect((await after.getKey(key.id).catch((e: { code: string }) => e)).code).toBe("NOT_FOUND");
    expect((await after.listAllKeys()).length).toBe(demoKeys.length - 1);
    await third.stop();
  });

  it("refuses to start on a damaged state file", async () => {
    const file = join(dir, "damaged.json");
    await writeFile(file, JSON.stringify({ format: 1, tenant: {} }));
    const child = spawnTs(SAP_KMS_ENTRY, { SAP_KMS_PORT: "0" }, ["--state-file", file]);
    const exit = await child.exited;
    expect(exit.code).toBe(1);
    expect(child.output()).toContain("is not valid");
  });

  it("refuses bad flags and fault specs with exit code 78", async () => {
    for (const args of [["--fault", "keys.nope:status=500"], ["--port", "abc"], ["--colour"]]) {
      const child = spawnTs(SAP_KMS_ENTRY, { SAP_KMS_PORT: "0" }, args);
      expect((await child.exited).code).toBe(78);
      expect(child.output()).toMatch(/^sap-kms: /m);
    }
  });
});
