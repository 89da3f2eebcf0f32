import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAndSync, JOBS, syncAll } from "./support/jobs-fixture.ts";
import { startStack, type TestStack, waitFor } from "./support/stack-processes.ts";

const JOB_COUNT = 1000;

describe(`${JOB_COUNT} jobs through two worker processes`, () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ workerEnv: { WORKER_CONCURRENCY: "8" } });
    await stack.startWorker();
    await connectAndSync(stack);
  });
  afterAll(async () => {
    await stack.stop();
  });

  it("end with every job terminal and every deleted key backed up", async () => {
    const client = stack.sap.client();
    const group = await stack.sap.admin.createGroup("volume");
    for (let i = 0; i < JOB_COUNT; i++) {
      await client.createKey({ name: `volume-${i}`, groupId: group.id, type: "AES", size: 256, exportable: true });
    }
    await syncAll(stack);
    const ids: string[] = [];
    for (let skip = 0; ids.length < JOB_COUNT; skip += 1000) {
      const page = await stack.call("GET", `/cckm/sap/keys?sap_group_name=volume&limit=1000&skip=${skip}`);
      ids.push(...page.body.resources.map((k: { id: string }) => k.id));
      if (page.body.resources.length === 0) break;
    }
    expect(ids).toHaveLength(JOB_COUNT);

    for (let i = 0; i < ids.length; i += 25) {
      const batch = await Promise.all(
        ids.slice(i, i + 25).map((id) => stack.call("POST", JOBS, { id, operation: "delete" })),
      );
      expect(batch.every((r) => r.status === 201)).toBe(true);
    }
    await waitFor(
      async () =>
        (await stack.call("GET", `${JOBS}?limit=1&state=PENDING`)).body.total +
        (await stack.call("GET", `${JOBS}?limit=1&state=IN_PROGRESS`)).body.total,
      (active) => active === 0,
      240_000,
    );

    const db = new pg.Client({ connectionString: stack.db.url });
    await db.connect();
    const states = await db.query<{ state: string; n: string }>(
      "SELECT state, count(*) AS n FROM sap_key_jobs GROUP BY state",
    );
    const backedUp = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM sap_keys k JOIN key_backups b ON b.id = k.backup_id
        WHERE k.gone AND b.proven_at IS NOT NULL AND k.id = ANY($1::uuid[])`,
      [ids],
    );
    const byWorker = await db.query<{ actor: string; n: string }>(
      `SELECT actor, count(*) AS n FROM sap_key_job_events WHERE to_state = 'DONE' GROUP BY actor`,
    );
    await db.end();
    expect(states.rows).toEqual([{ state: "DONE", n: String(JOB_COUNT) }]);
    expect(backedUp.rows[0]?.n).toBe(String(JOB_COUNT));
    expect(byWorker.rows).toHaveLength(2); // both worker processes did their share
  });
});
