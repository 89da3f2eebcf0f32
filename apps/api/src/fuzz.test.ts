import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_PREFIX } from "./app.ts";
import { apiRoutes } from "./routes.ts";
import { startTestApi, type TestApi } from "./test-support/api-harness.ts";
import {
  BAD_CONTENT_ENCODINGS,
  BAD_IDS,
  deeplyNested,
  HOSTILE_STRINGS,
  mutate,
  pick,
  rng,
} from "./test-support/fuzz-inputs.ts";

const REQUESTS = 3000;

/** encodeURIComponent, but a lone surrogate goes out as raw (invalid) UTF-8 bytes instead of throwing. */
function encodeLoosely(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return "%ED%A0%80";
  }
}

/** Valid bodies the fuzzer breaks, per route. */
const VALID_BODIES: Record<string, Record<string, unknown>> = {
  // A wrong password: even a body the mutation leaves intact must not sign in (which would store a session).
  "post /auth/tokens": { grant_type: "password", username: "fuzz-admin", password: "not-the-password" },
  "post /usermgmt/users": { username: "valid-user", password: "long-enough-password", groups: ["CCKM Users"] },
};

/** Every table's row count and content digest, except the audit log (which records the attempts). */
async function snapshot(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'audit_records'`,
    );
    const result: Record<string, string> = {};
    for (const { table_name } of rows) {
      const { rows: digest } = await client.query<{ d: string }>(
        `SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS d FROM "${table_name}" t`,
      );
      result[table_name] = digest[0]?.d ?? "";
    }
    return result;
  } finally {
    await client.end();
  }
}

describe("a few thousand malformed requests", () => {
  let api: TestApi;
  let tokens: string[];
  beforeAll(async () => {
    api = await startTestApi({ loginMaxFailures: 1_000_000 });
    await api.createUser("fuzz-admin", "fuzz-password", ["admin"]);
    await api.createUser("fuzz-reader", "reader-password", ["CCKM Users"]);
    // Every username a mutation can leave valid is taken, so a body that stays valid ends in 409.
    const takenNames = ["valid-user", ...HOSTILE_STRINGS.filter((s) => /^[A-Za-z0-9._@-]{1,64}$/.test(s))];
    for (const name of takenNames) await api.createUser(name, "taken-password", []);
    tokens = [
      (await api.login("fuzz-admin", "fuzz-password")).jwt,
      (await api.login("fuzz-reader", "reader-password")).jwt,
    ];
  });
  afterAll(async () => {
    await api.close();
  });

  // 3000 requests one after the other: ~15 s on an idle machine, more when other tests share its cores.
  it("never answer 5xx and never change the database", { timeout: 120_000 }, async () => {
    const before = await snapshot(api.database.url);
    const r = rng(20261122);
    const statuses = new Map<number, number>();
    for (let i = 0; i < REQUESTS; i++) {
      const route = pick(r, apiRoutes);
      let path = `${API_PREFIX}${route.path}`;
      if (path.includes(":id")) path = path.replace(":id", pick(r, BAD_IDS));
      else if (r() < 0.3)
        path += `?${pick(r, ["skip", "limit", "sort", "group", "x", "limit[]"])}=${encodeLoosely(pick(r, HOSTILE_STRINGS).slice(0, 500))}`;
      const valid = VALID_BODIES[`${route.method} ${route.path}`];
      let body: string | undefined;
      let contentType = "application/json";
      const shape = r();
      if (shape < 0.05) body = deeplyNested(5000 + Math.floor(r() * 20_000), r() < 0.5 ? "array" : "object");
      else if (shape < 0.1) body = '{"unterminated": ';
      else if (shape < 0.13) {
        body = "username=admin&password=admin";
        contentType = pick(r, ["text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16"]);
      } else if (valid) body = JSON.stringify(mutate(r, valid));
      else if (route.method !== "get") body = JSON.stringify(pick(r, [{}, [], { id: pick(r, HOSTILE_STRINGS) }]));
      if (route.method === "get") body = undefined;
      const encoding = body !== undefined && r() < 0.08 ? pick(r, BAD_CONTENT_ENCODINGS) : undefined;
      const res = await fetch(`${api.url}${path}`, {
        method: route.method.toUpperCase(),
        headers: {
          ...(body !== undefined ? { "content-type": contentType } : {}),
          ...(encoding !== undefined ? { "content-encoding": encoding } : {}),
          ...(r() < 0.85 ? { authorization: `Bearer ${pick(r, tokens)}` } : {}),
        },
        ...(body !== undefined ? { body } : {}),
      });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const what = `${route.method} ${path.slice(0, 120)} ${encoding ?? ""} ${String(body).slice(0, 200)}`;
      expect(res.status, what).toBeLessThan(500);
      if (route.method !== "get") expect(res.status, what).toBeGreaterThanOrEqual(400);
    }
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(REQUESTS / 3);
    expect(await snapshot(api.database.url)).toEqual(before);
  });
});
