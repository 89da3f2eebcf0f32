import { createKeyring } from "@cckm/crypto";
import { createPool, type Pool } from "@cckm/db";
import { checkInvariant, type InvariantReport } from "@cckm/invariant";
import { SapClients } from "@cckm/inventory";
import { readBackup } from "@cckm/jobs";
import type { KeyType } from "@cckm/sap-kms-client";
import { spawnTs } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finished, submit, syncAll } from "./support/jobs-fixture.ts";
import { startStack, type TestStack } from "./support/stack-processes.ts";

interface Made {
  id: string;
  sapKeyId: string;
  name: string;
  groupId: string;
}

describe("the invariant check (npm run verify)", () => {
  let stack: TestStack;
  let pool: Pool;
  const keys = new Map<string, Made>();
  const key = (name: string) => keys.get(name) as Made;

  const check = () => {
    const keyring = createKeyring({ id: stack.env.BACKUP_KEK_ID as string, base64: stack.env.BACKUP_KEK as string });
    const clients = new SapClients(keyring, { timeoutMs: 5000, allowPrivateEndpoints: true });
    return checkInvariant({ db: pool, keyring, sapClient: (c) => clients.for(c) });
  };

  const cli = async () => {
    const proc = spawnTs("packages/invariant/src/cli.ts", { ...stack.env, LOG_LEVEL: "silent" });
    const { code } = await proc.exited;
    const out = proc.output();
    return { code, out, report: JSON.parse(out.slice(out.indexOf("{"))) as InvariantReport };
  };

  const deleted = async (name: string, deleteIfBackupFails = false) => {
    const job = await submit(stack, {
      id: key(name).id,
      operation: "delete",
      delete_if_backup_fails: deleteIfBackupFails,
    });
    expect(job.status).toBe(201);
    expect((await finished(stack, job.body.id)).state).toBe("DONE");
  };

  beforeAll(async () => {
    stack = await startStack({ env: { JOB_BACKOFF_MS: "50" } });
    pool = createPool(stack.db.url, { max: 2 });
    const created = await stack.call("POST", "/connectionmgmt/services/sap-dc/connections", {
      name: "tenant",
      api_endpoint: stack.sap.url,
      technical_user: stack.sapCredentials,
    });
    expect(created.status).toBe(201);
    const sap = stack.sap.client();
    const [group] = await sap.listAllGroups();
    if (!group) throw new Error("no group");
    const types: KeyType[] = ["AES", "RSA", "EC"];
    for (let i = 0; i < 12; i++) {
      const type = types[i % 3] as KeyType;
      const made = await sap.createKey({
        name: `inv-${i}`,
        groupId: group.id,
        type,
        ...(type === "EC" ? { curve: "P-256" } : { size: type === "AES" ? 256 : 2048 }),
        exportable: true,
      });
      if (i % 2 === 1) await sap.createVersion(made.id);
      keys.set(made.name, { id: "", sapKeyId: made.id, name: made.name, groupId: group.id });
    }
    const locked = await sap.createKey({ name: "inv-locked", groupId: group.id, type: "AES", size: 256 });
    keys.set("inv-locked", { id: "", sapKeyId: locked.id, name: "inv-locked", groupId: group.id });
    await syncAll(stack);
    for (const made of keys.values()) {
      made.id = (await stack.call("GET", `/cckm/sap/keys?sap_key_id=${made.sapKeyId}`)).body.resources[0].id;
    }
    for (const name of ["inv-6", "inv-7", "inv-8", "inv-9"]) await deleted(name);
    await deleted("inv-locked", true);
  });
  afterAll(async () => {
    await pool?.end();
    await stack?.stop();
  });

  it("passes on a clean inventory: every key on SAP, gone with a proven backup, or gone without one as asked", async () => {
    const report = await check();
    expect(report.violations).toEqual([]);
    expect(report.ok).toBe(true);
    // 13 keys of the test and the demo tenant's 8.
    expect(report.keys_checked).toBe(21);
    expect(report.states).toEqual({ on_sap: 16, gone_restorable: 4, gone_without_backup: 1 });
    const run = await cli();
    expect(run.code).toBe(0);
    expect(run.report).toEqual(report);
  });

  it("names every kind of violation, with its key, and exits non-zero; never key material", async () => {
    const sap = stack.sap.client();
    const sql = (text: string, values: unknown[]) => pool.query(text, values);
    await stack.workers[0]?.stop(); // nothing may run the jobs below, nor reconcile
    await sap.deleteKey(key("inv-0").sapKeyId); // deleted on SAP behind our back
    await sap.createVersion(key("inv-1").sapKeyId);
    await sql("UPDATE sap_keys SET gone = true, gone_at = now() WHERE id = $1", [key("inv-2").id]);
    await sql("UPDATE sap_keys SET backup_id = NULL WHERE id = $1", [key("inv-6").id]);
    await sql(
      `UPDATE key_backup_versions SET digest = repeat('0', 64)
        WHERE backup_id = (SELECT backup_id FROM sap_keys WHERE id = $1)`,
      [key("inv-7").id],
    );
    const half = await sap.createKey({ name: "inv-8", groupId: key("inv-8").groupId, type: "AES", size: 256 });
    const stranger = await sap.createKey({
      name: "stranger",
      groupId: key("inv-8").groupId,
      type: "AES",
      size: 256,
      description: "made elsewhere [cckm-restore-job:00000000-0000-0000-0000-000000000000]",
    });
    const second = await stack.call("POST", "/connectionmgmt/services/sap-dc/connections", {
      name: "tenant-again",
      api_endpoint: stack.sap.url,
      technical_user: stack.sapCredentials,
    });
    expect(second.status).toBe(201);
    const twin = await sql(
      `WITH g AS (
         INSERT INTO sap_groups (id, connection_id, sap_group_id, name, updated_at)
         SELECT gen_random_uuid(), $2::uuid, sap_group_id, name, now() FROM sap_groups
          WHERE id = (SELECT group_id FROM sap_keys WHERE id = $1::uuid)
         RETURNING id)
       INSERT INTO sap_keys (id, connection_id, group_id, sap_key_id, name, type, size, total_versions, updated_at)
       SELECT gen_random_uuid(), $2::uuid, g.id, k.sap_key_id, k.name, k.type, k.size, k.total_versions, now()
         FROM sap_keys k, g WHERE k.id = $1::uuid
       RETURNING id`,
      [key("inv-3").id, second.body.id],
    );
    await sql("UPDATE sap_keys SET description = 'x [cckm-restore-job:1]' WHERE id = $1", [key("inv-4").id]);
    const pending = await submit(stack, { id: key("inv-5").id, operation: "delete" });
    expect(pending.status).toBe(201);

    const report = await check();
    const found = report.violations.map((v) => [v.code, v.key_id, v.sap_key_id]);
    expect(found).toEqual(
      expect.arrayContaining([
        ["MISSING_ON_SAP", key("inv-0").id, key("inv-0").sapKeyId],
        ["VERSION_COUNT_MISMATCH", key("inv-1").id, key("inv-1").sapKeyId],
        ["GONE_BUT_ON_SAP", key("inv-2").id, key("inv-2").sapKeyId],
        ["GONE_UNRESTORABLE", key("inv-6").id, key("inv-6").sapKeyId],
        ["BACKUP_UNPROVABLE", key("inv-7").id, key("inv-7").sapKeyId],
        ["HALF_RESTORED", key("inv-8").id, half.id],
        ["UNKNOWN_ON_SAP", null, stranger.id],
        ["MARKER_IN_METADATA", null, stranger.id],
        ["DUPLICATE", key("inv-3").id, key("inv-3").sapKeyId],
        ["DUPLICATE", twin.rows[0]?.id, key("inv-3").sapKeyId],
        ["MARKER_IN_METADATA", key("inv-4").id, key("inv-4").sapKeyId],
        ["JOB_ACTIVE", key("inv-5").id, key("inv-5").sapKeyId],
      ]),
    );
    expect(found).toHaveLength(12);
    expect(report.ok).toBe(false);
    expect(report.violations_by_code).toMatchObject({ DUPLICATE: 2, MARKER_IN_METADATA: 2, JOB_ACTIVE: 1 });
    // inv-9 stays restorable, and so does inv-8 (its next restore adopts the half-done key); inv-locked is
    // gone without a backup; the twin is on SAP like inv-3.
    expect(report.states).toMatchObject({ gone_restorable: 2, gone_without_backup: 1 });

    const run = await cli();
    expect(run.code).toBe(1);
    expect(run.report.violations).toHaveLength(12);
    const keyring = createKeyring({ id: stack.env.BACKUP_KEK_ID as string, base64: stack.env.BACKUP_KEK as string });
    const { rows } = await sql("SELECT backup_id, type, size, curve FROM sap_keys WHERE id = $1", [key("inv-9").id]);
    const materials = await readBackup(pool, keyring, rows[0].backup_id, rows[0]);
    expect(materials.length).toBeGreaterThan(0);
    for (const secret of [
      ...materials.flatMap((m) => [m.material.toString("hex"), m.material.toString("base64")]),
      stack.env.BACKUP_KEK as string,
      stack.sapCredentials.secret,
    ]) {
      expect(run.out).not.toContain(secret);
    }
  });
});
