import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAndSync, fingerprints, finished, rows, sapKey, sapStatuses, submit } from "./support/jobs-fixture.ts";
import { type PgLostAnswerProxy, startPgLostAnswerProxy } from "./support/pg-lost-answer.ts";
import { startStack, type TestStack } from "./support/stack-processes.ts";

// The worker's Postgres connections go through a proxy that lets the grouped backup commit run and
// commit, then swallows its answer and drops the connection. The group commit holds its commits 2 s,
// so both deletes' backups share that one statement.
describe("a grouped backup commit that committed but whose answer was lost", () => {
  let stack: TestStack;
  let proxy: PgLostAnswerProxy;
  beforeAll(async () => {
    stack = await startStack({ env: { JOB_BACKOFF_MS: "100" } });
    await connectAndSync(stack);
    const url = new URL(stack.db.url);
    proxy = await startPgLostAnswerProxy(Number(url.port || 5432));
    url.port = String(proxy.port);
    await stack.workers.at(-1)?.stop("SIGTERM");
    await stack.startWorker({ DATABASE_URL: url.toString(), GROUP_COMMIT_WINDOW_MS: "2000" });
  });
  afterAll(async () => {
    await stack.stop();
    await proxy.close();
  });

  const query = <T extends pg.QueryResultRow>(sql: string, params: unknown[]) => rows<T>(stack, sql, params);

  it("reruns each backup alone, meets the committed one and goes on with it: one export, one delete, DONE", async () => {
    const keys = [];
    for (const name of ["lost-answer-a", "lost-answer-b"])
      keys.push(await sapKey(stack, { name, type: "AES", versions: 2 }));
    const before = await Promise.all(keys.map((k) => fingerprints(stack, k.sap.id, 2)));
    const lost = proxy.loseAnswerTo("cckm_commit_backups");
    const jobs = await Promise.all(keys.map((k) => submit(stack, { id: k.id, operation: "delete" })));
    // The grouped statement ran without error and its transaction committed; the worker never heard.
    expect(await lost).toEqual({ failed: false, status: "I" });

    for (const [i, k] of keys.entries()) {
      const jobId = jobs[i]?.body.id ?? "";
      expect(await finished(stack, jobId)).toMatchObject({ state: "DONE", backup_status: "done" });
      // The backup the lost statement committed is the one the key holds; no second one was made.
      const backups = await query<{ id: string }>("SELECT id FROM key_backups WHERE key_id = $1", [k.id]);
      expect(backups).toHaveLength(1);
      const held = await query<{ backup_id: string }>("SELECT backup_id FROM sap_keys WHERE id = $1", [k.id]);
      expect(held[0]?.backup_id).toBe(backups[0]?.id);
      // SAP exported each version once and deleted the key once.
      expect(await sapStatuses(stack, "versions.export", k.sap.id)).toEqual({ "200": 2 });
      expect(await sapStatuses(stack, "keys.delete", k.sap.id)).toEqual({ "204": 1 });
      const restore = await submit(stack, { id: k.id, operation: "restore" });
      expect(await finished(stack, restore.body.id)).toMatchObject({ state: "DONE" });
      const back = (await stack.call("GET", `/cckm/sap/keys/${k.id}`)).body;
      expect(await fingerprints(stack, back.sap_param.sap_key_id, 2)).toEqual(before[i]);
    }
    // Within the same attempt: the rerun alone met the committed backup's primary key, and the backup's
    // adoption (backUpKey reads the job's own proven backup after a failed commit) took it.
    const attempts = await query<{ attempts: number }>("SELECT attempts FROM sap_key_jobs WHERE id = ANY($1::uuid[])", [
      jobs.map((j) => j.body.id),
    ]);
    expect(attempts).toEqual([{ attempts: 1 }, { attempts: 1 }]);
  });
});
