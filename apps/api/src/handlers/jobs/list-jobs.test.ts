import { EXACT_TOTAL_LIMIT } from "@cckm/jobs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test-support/api-harness.ts";
import { seedInventory } from "../../test-support/inventory-fixtures.ts";

describe("GET /cckm/sap/keys/jobs total", () => {
  let api: TestApi;
  let token: string;
  let busyKey: string;
  let quietKey: string;
  beforeAll(async () => {
    api = await startTestApi();
    await api.createUser("admin", "admin-password", ["admin"]);
    token = (await api.login("admin", "admin-password")).jwt;
    const inventory = await seedInventory(api.db, api.keyring);
    busyKey = (await inventory.key({ name: "busy" })).id;
    quietKey = (await inventory.key({ name: "quiet" })).id;
    const client = new pg.Client({ connectionString: api.database.url });
    await client.connect();
    const insert = (key: string, n: number, state: string) =>
      client.query(
        `INSERT INTO sap_key_jobs (id, cckm_key_id, group_id, job_id, key_id, operation, creator_id, creator_name, state, updated_at)
         SELECT gen_random_uuid(), $1, 'g', gen_random_uuid()::text, 'k', 'delete', 'c', 'c', $3::job_state, now()
           FROM generate_series(1, $2::int)`,
        [key, n, state],
      );
    await insert(busyKey, EXACT_TOTAL_LIMIT + 50, "DONE");
    await insert(quietKey, 3, "FAILED");
    await client.query("ANALYZE sap_key_jobs");
    await client.end();
  });
  afterAll(async () => {
    await api.close();
  });

  const list = async (query: string) =>
    (await (await api.request("GET", `/api/v1/cckm/sap/keys/jobs?${query}`, { token })).json()) as Record<
      string,
      unknown
    >;

  it("is exact up to the limit", async () => {
    const quiet = await list(`cckm_key_id=${quietKey}`);
    expect(quiet).toMatchObject({ total: 3, skip: 0, limit: 10 });
    expect(quiet).not.toHaveProperty("total_estimated");
    expect(await list("state=FAILED")).toMatchObject({ total: 3 });
  });

  it("is an estimate above it, and says so", async () => {
    const all = await list("limit=1");
    expect(all.total_estimated).toBe(true);
    expect(all.total).toBeGreaterThan(EXACT_TOTAL_LIMIT);
    expect(all.total).toBeLessThan((EXACT_TOTAL_LIMIT + 53) * 1.5);
    expect((all.resources as unknown[]).length).toBe(1);
  });
});

describe("GET /cckm/sap/keys/jobs watch", () => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi();
    await api.createUser("admin", "admin-password", ["admin"]);
    token = (await api.login("admin", "admin-password")).jwt;
  });
  afterAll(async () => {
    await api.close();
  });

  it("is decided by the parsed query: watch=false lists, watch=true streams, anything else is a 400", async () => {
    const listed = await api.request("GET", "/api/v1/cckm/sap/keys/jobs?watch=false", { token });
    expect(listed.status).toBe(200);
    expect(await listed.json()).toMatchObject({ skip: 0, limit: 10, resources: [] });

    const refused = await api.request("GET", "/api/v1/cckm/sap/keys/jobs?watch=yes", { token });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("watch");

    const stop = new AbortController();
    const streamed = await fetch(`${api.url}/api/v1/cckm/sap/keys/jobs?watch=true&state=DONE`, {
      headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" },
      signal: stop.signal,
    });
    expect(streamed.status).toBe(200);
    expect(streamed.headers.get("content-type")).toMatch(/^text\/event-stream/);
    stop.abort();
    await streamed.body?.cancel().catch(() => undefined);

    const badFilter = await api.request("GET", "/api/v1/cckm/sap/keys/jobs?watch=true&state=NOPE", { token });
    expect(badFilter.status).toBe(400);
  });
});
