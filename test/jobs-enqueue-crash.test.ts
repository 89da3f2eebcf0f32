import { startRedisServer } from "@cckm/testkit";
import { Redis } from "ioredis";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAndSync, JOBS, rows, sapKey } from "./support/jobs-fixture.ts";
import { startStack, type TestStack, waitFor } from "./support/stack-processes.ts";

// The API batches its queue adds (one addBulk for the adds of the same moment). Here its add is held
// in flight (the test's own Redis refuses writes for a while), the API is killed by SIGKILL inside that
// window, and the job, committed before its add, must still run once: the reconciler adds it.
describe("the API killed while its batched queue add is in flight", () => {
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let stack: TestStack;
  beforeAll(async () => {
    redis = await startRedisServer(); // a server of this test's own: its CLIENT PAUSE holds nobody else
    stack = await startStack({
      redisUrl: redis.url,
      env: { RECONCILE_INTERVAL_MS: "300", RECONCILE_GRACE_MS: "500", JOB_BACKOFF_MS: "100" },
    });
    await connectAndSync(stack);
  });
  afterAll(async () => {
    await stack.stop();
    await redis.stop();
  });

  const query = <T extends pg.QueryResultRow>(sql: string, params: unknown[]) => rows<T>(stack, sql, params);

  it("loses no job and makes no second SAP call: the committed rows are added by the reconciler and run once", async () => {
    const keys: Awaited<ReturnType<typeof sapKey>>[] = [];
    // One after another: each sapKey runs a full sync, and two syncs at once do not both see both keys.
    for (const name of ["enqueue-crash-a", "enqueue-crash-b", "enqueue-crash-c"]) {
      keys.push(await sapKey(stack, { name, type: "AES" }));
    }
    const admin = new Redis(redis.url);
    try {
      await admin.call("CLIENT", "PAUSE", "60000", "WRITE");
      // Three submissions at once: their rows commit, their one batched add waits on Redis.
      const posts = keys.map((k) => stack.call("POST", JOBS, { id: k.id, operation: "delete" }).catch(() => null));
      const rows = await waitFor(
        () =>
          query<{ id: string; state: string }>(
            "SELECT id, state::text FROM sap_key_jobs WHERE cckm_key_id = ANY($1::uuid[])",
            [keys.map((k) => k.id)],
          ),
        (r) => r.length === 3,
      );
      expect(rows.map((r) => r.state)).toEqual(["PENDING", "PENDING", "PENDING"]);
      await stack.api.stop("SIGKILL");
      expect(await Promise.all(posts)).toEqual([null, null, null]); // no answer ever came
      await admin.call("CLIENT", "UNPAUSE");

      const ended = await waitFor(
        () =>
          query<{ state: string; backup_status: string }>(
            "SELECT state::text, backup_status::text FROM sap_key_jobs WHERE cckm_key_id = ANY($1::uuid[])",
            [keys.map((k) => k.id)],
          ),
        (r) => r.every((j) => j.state === "DONE" || j.state === "FAILED"),
        60_000,
      );
      expect(ended).toEqual(keys.map(() => ({ state: "DONE", backup_status: "done" })));
      for (const k of keys) {
        const [key] = await query<{ gone: boolean; proven: boolean }>(
          `SELECT k.gone, b.proven_at IS NOT NULL AS proven
             FROM sap_keys k JOIN key_backups b ON b.id = k.backup_id WHERE k.id = $1`,
          [k.id],
        );
        expect(key).toEqual({ gone: true, proven: true });
        const deletes = await stack.sap.admin.requests({ route: "keys.delete", keyId: k.sap.id });
        expect(deletes.map((d) => d.byStatus)).toEqual([{ "204": 1 }]);
        expect(await stack.sap.admin.count("versions.export", k.sap.id)).toBe(1);
      }
    } finally {
      await admin.call("CLIENT", "UNPAUSE").catch(() => {});
      admin.disconnect();
    }
  });
});
