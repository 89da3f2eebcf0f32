import { liveProcesses } from "@cckm/testkit";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectAndSync, finished, JOBS, sapKey, submit } from "../support/jobs-fixture.ts";
import { openSse, type SseStream } from "../support/sse-client.ts";
import { ADMIN_PASSWORD, startStack, type TestStack, waitFor } from "../support/stack-processes.ts";

/**
 * Live job events over server-sent events, against the real stack: a job's changes in order as they
 * happen, a reconnect with Last-Event-ID that misses nothing, and many idle watchers on one LISTEN.
 */
describe("job events as server-sent events", () => {
  let stack: TestStack;
  let jwt: string;
  const data = (e: { data: string } | null) => JSON.parse(e?.data ?? "null");
  const open = (path: string, headers: Record<string, string> = {}) =>
    openSse(`${stack.apiUrl}/api/v1${path}`, { authorization: `Bearer ${jwt}`, ...headers });
  const metric = async (name: string) => {
    const text = await (await fetch(`${stack.apiUrl}/metrics`)).text();
    return Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "m").exec(text)?.[1] ?? Number.NaN);
  };
  const listenConnections = async () => {
    const client = new pg.Client({ connectionString: stack.db.url });
    await client.connect();
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'cckm-api-listen'`,
    );
    await client.end();
    return rows[0]?.n ?? -1;
  };

  beforeAll(async () => {
    stack = await startStack();
    await connectAndSync(stack);
    const res = await fetch(`${stack.apiUrl}/api/v1/auth/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: ADMIN_PASSWORD }),
    });
    jwt = ((await res.json()) as { jwt: string }).jwt;
  });
  afterAll(async () => {
    await stack?.stop();
    expect(liveProcesses()).toBe(0);
  });

  it("streams a job's PENDING → IN_PROGRESS → DONE as it happens, then ends", async () => {
    const { id } = await sapKey(stack, { name: "sse-order", type: "AES" });
    for (const worker of stack.workers) await worker.stop();
    const job = (await submit(stack, { id, operation: "delete" })).body;
    const stream = await open(`${JOBS}/${job.id}/events`);
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const first = await stream.next();
    expect(first?.event).toBe("job");
    expect(data(first)).toMatchObject({ job_id: job.id, from_state: null, to_state: "PENDING", cckm_key_id: id });
    // Nothing moves while no worker runs; the worker's claim and completion then arrive live.
    await stack.startWorker();
    const second = await stream.next();
    const third = await stream.next();
    expect([data(second).to_state, data(third).to_state]).toEqual(["IN_PROGRESS", "DONE"]);
    expect(Number(second?.id)).toBeGreaterThan(Number(first?.id));
    expect(Number(third?.id)).toBeGreaterThan(Number(second?.id));
    expect(await stream.next()).toBeNull();
    // An ended job's stream replays its history and ends; after Last-Event-ID only what followed.
    const replay = await open(`${JOBS}/${job.id}/events`, { "last-event-id": first?.id ?? "" });
    expect([data(await replay.next()).to_state, data(await replay.next()).to_state]).toEqual(["IN_PROGRESS", "DONE"]);
    expect(await replay.next()).toBeNull();
  });

  it("answers 404 for an unknown job, 400 for a malformed Last-Event-ID, 401 without a token", async () => {
    const unknown = await open(`${JOBS}/00000000-0000-4000-8000-000000000000/events`);
    expect(unknown.status).toBe(404);
    const malformed = await open(`${JOBS}?watch=true`, { "last-event-id": "not-a-number" });
    expect(malformed.status).toBe(400);
    const anonymous = await openSse(`${stack.apiUrl}/api/v1${JOBS}?watch=true`, {});
    expect(anonymous.status).toBe(401);
    for (const answer of [unknown, malformed, anonymous]) answer.close();
  });

  it("resumes the list's watch with Last-Event-ID and misses nothing that happened meanwhile", async () => {
    // One after the other: each synchronizes the tenant, and a connection runs one synchronization at a time.
    const keys = [];
    for (const name of ["sse-r1", "sse-r2", "sse-r3"]) keys.push(await sapKey(stack, { name, type: "AES" }));
    const watch = await open(`${JOBS}?watch=true&operation=delete`);
    const firstJob = (await submit(stack, { id: keys[0]?.id, operation: "delete" })).body;
    const seen = [data(await watch.next())];
    expect(seen[0]).toMatchObject({ job_id: firstJob.id, to_state: "PENDING" });
    const lastId = seen[0].id as string;
    watch.close();
    // While nobody watches: two more jobs run to their end, and the first one ends too.
    const others = [];
    for (const key of keys.slice(1)) others.push((await submit(stack, { id: key.id, operation: "delete" })).body);
    for (const job of [firstJob, ...others]) await finished(stack, job.id);
    const resumed = await open(`${JOBS}?watch=true&operation=delete`, { "last-event-id": lastId });
    const missed: Array<{ id: string; job_id: string; to_state: string }> = [];
    while (missed.length < 8) missed.push(data(await resumed.next()));
    resumed.close();
    // Everything after lastId for these jobs: the first job's two moves, then three for each other.
    const byJob = (jobId: string) => missed.filter((e) => e.job_id === jobId).map((e) => e.to_state);
    expect(byJob(firstJob.id)).toEqual(["IN_PROGRESS", "DONE"]);
    for (const job of others) expect(byJob(job.id)).toEqual(["PENDING", "IN_PROGRESS", "DONE"]);
    const ids = missed.map((e) => BigInt(e.id));
    expect(ids.every((id, i) => id > BigInt(lastId) && (i === 0 || id > (ids[i - 1] as bigint)))).toBe(true);
  });

  it("serves 200 idle watchers over ONE LISTEN connection with bounded memory, and fans an event out to each", async () => {
    const { id } = await sapKey(stack, { name: "sse-fanout", type: "AES" });
    const heapBefore = await metric("nodejs_heap_size_used_bytes");
    const watchers: SseStream[] = [];
    for (let i = 0; i < 200; i++) watchers.push(await open(`${JOBS}?watch=true&cckm_key_id=${id}`));
    expect(watchers.every((w) => w.status === 200)).toBe(true);
    expect(await listenConnections()).toBe(1);
    // A loose bound that an unbounded buffer or a connection per watcher would break (no timing).
    expect(await metric("nodejs_heap_size_used_bytes")).toBeLessThan(heapBefore + 48 * 1024 * 1024);
    const job = (await submit(stack, { id, operation: "delete" })).body;
    const firsts = await Promise.all(watchers.map(async (w) => data(await w.next())));
    expect(firsts.every((e) => e.job_id === job.id && e.to_state === "PENDING")).toBe(true);
    for (const w of watchers) w.close();
    await finished(stack, job.id);
    expect(await listenConnections()).toBe(1);
    // Polling keeps working unchanged.
    expect((await stack.call("GET", `${JOBS}/${job.id}`)).body.state).toBe("DONE");
    await waitFor(
      () => stack.call("GET", `${JOBS}?cckm_key_id=${id}`),
      (r) => r.body.total === 1,
    );
  });
});
