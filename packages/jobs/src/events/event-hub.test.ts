import { createPool, createPrismaClient, type Db, type Pool } from "@cckm/db";
import { createTestDatabase, insertInventoryStub, type TestDatabase } from "@cckm/testkit";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimJob, completeDelete, submitJob } from "../sql/index.ts";
import { JobEventHub } from "./event-hub.ts";
import type { JobEvent } from "./job-event.ts";
import { latestJobEventId, readJobEvents } from "./read-events.ts";

/** Resolves once `check()` holds, polling on the event loop; fails after `ms`. */
async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("job events: NOTIFY from the event log's trigger, one LISTEN per process", () => {
  let database: TestDatabase;
  let pool: Pool;
  let db: Db;
  let stub: Awaited<ReturnType<typeof insertInventoryStub>>;
  let hub: JobEventHub;
  const APP = `cckm-listen-${process.pid}`;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, { max: 4 });
    db = createPrismaClient(pool);
    stub = await insertInventoryStub(db);
    hub = new JobEventHub({ connectionString: database.url, applicationName: APP });
  });
  afterAll(async () => {
    await hub.close();
    await db.$disconnect();
    await pool.end();
    await database.drop();
  });

  const submitDelete = (keyId: string) =>
    submitJob(pool, { keyId, operation: "delete", deleteIfBackupFails: false, creatorId: "u", creatorName: "alice" });
  const listeners = async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1",
      [APP],
    );
    await client.end();
    return rows[0]?.n ?? -1;
  };

  it("delivers a job's PENDING → IN_PROGRESS → DONE in order, as committed, with its key", async () => {
    const key = await stub.key("ordered");
    const seen: JobEvent[] = [];
    const stop = await hub.subscribe({
      filter: { cckmKeyId: key.id },
      deliver: (e) => seen.push(e),
      resync() {},
      end() {},
    });
    const job = await submitDelete(key.id);
    await claimJob(pool, job.id, "w1");
    await completeDelete(pool, job.id, "w1", null);
    await until(() => seen.length === 3);
    stop();
    expect(seen.map((e) => [e.from_state, e.to_state])).toEqual([
      [null, "PENDING"],
      ["PENDING", "IN_PROGRESS"],
      ["IN_PROGRESS", "DONE"],
    ]);
    expect(seen.every((e) => e.job_id === job.id && e.cckm_key_id === key.id && e.operation === "delete")).toBe(true);
    expect(seen.map((e) => BigInt(e.id))).toEqual([...seen.map((e) => BigInt(e.id))].sort((a, b) => (a < b ? -1 : 1)));
    // The log read a reconnecting watcher replays gives the same events, field for field.
    const replay = await readJobEvents(pool, { jobId: job.id }, "0");
    expect(replay).toEqual(seen);
    expect(await readJobEvents(pool, { jobId: job.id }, seen[0]?.id ?? "0")).toEqual(seen.slice(1));
    expect(await readJobEvents(pool, { jobId: job.id, state: "DONE" }, "0")).toEqual(seen.slice(2));
    expect(BigInt(await latestJobEventId(pool))).toBeGreaterThanOrEqual(BigInt(seen[2]?.id ?? "0"));
  });

  it("serves 200 idle watchers over one LISTEN connection, each getting only what its filter selects", async () => {
    const keys = [await stub.key("w-a"), await stub.key("w-b")];
    const counts = new Map<number, number>();
    const stops: Array<() => void> = [];
    for (let i = 0; i < 200; i++) {
      const key = keys[i % 2];
      stops.push(
        await hub.subscribe({
          filter: { cckmKeyId: key?.id },
          deliver: () => counts.set(i, (counts.get(i) ?? 0) + 1),
          resync() {},
          end() {},
        }),
      );
    }
    expect(hub.size).toBe(200);
    expect(await listeners()).toBe(1);
    await submitDelete(keys[0]?.id ?? "");
    await until(() => counts.size === 100);
    expect([...counts.keys()].every((i) => i % 2 === 0)).toBe(true);
    for (const stop of stops) stop();
    expect(hub.size).toBe(0);
  });

  it("tells its watchers to re-read after the LISTEN connection was lost, and listens again", async () => {
    let resyncs = 0;
    const stop = await hub.subscribe({ filter: {}, deliver() {}, resync: () => void resyncs++, end() {} });
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [APP]);
    await admin.end();
    await until(() => resyncs === 1);
    expect(hub.listening).toBe(true);
    expect(await listeners()).toBe(1);
    stop();
  });

  it("ends every watcher when it closes, and refuses new ones", async () => {
    const other = new JobEventHub({ connectionString: database.url, applicationName: `${APP}-b` });
    let ended = 0;
    await other.subscribe({ filter: {}, deliver() {}, resync() {}, end: () => void ended++ });
    await other.close();
    expect(ended).toBe(1);
    await expect(other.subscribe({ filter: {}, deliver() {}, resync() {}, end() {} })).rejects.toMatchObject({
      code: "HUB_CLOSED",
    });
  });
});
