import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test-support/api-harness.ts";
import { auditWriter } from "./audit-trail.ts";

describe("the audit trail's grouped writes", () => {
  let api: TestApi;
  let token: string;
  let pool: pg.Pool;
  beforeAll(async () => {
    api = await startTestApi();
    await api.createUser("admin", "admin-password", ["admin"]);
    token = (await api.login("admin", "admin-password")).jwt;
    pool = new pg.Pool({ connectionString: api.database.url, max: 4 });
  });
  afterAll(async () => {
    await pool.end();
    await api.close();
  });

  const recordsOf = async (requestIds: string[]) =>
    (
      await pool.query<{ request_id: string; tx: string; status: number }>(
        "SELECT request_id, xmin::text AS tx, status FROM audit_records WHERE request_id = ANY($1)",
        [requestIds],
      )
    ).rows;

  it("records every one of many concurrent requests once, several in one commit, before each answer", async () => {
    const ids = Array.from({ length: 60 }, () => randomUUID());
    const answers = await Promise.all(
      ids.map((id) =>
        api.request("POST", "/api/v1/no-such-route", { token, body: {}, headers: { "x-request-id": id } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(ids.map(() => 404));
    // Each answer left after its record was committed: they are all there now, once each.
    const records = await recordsOf(ids);
    expect(records.map((r) => r.request_id).sort()).toEqual([...ids].sort());
    expect(records.every((r) => r.status === 404)).toBe(true);
    // Rows one statement inserted share its transaction id: fewer commits than records.
    expect(new Set(records.map((r) => r.tx)).size).toBeLessThan(ids.length);
  });

  it("writes each record alone when their shared statement fails, so one bad record costs no other its place", async () => {
    const write = auditWriter(pool);
    const good = [randomUUID(), randomUUID()];
    const row = (requestId: string, action: string) =>
      [requestId, null, "admin", action, null, null, "success", 200, null] as Parameters<typeof write>[0];
    // Postgres refuses a NUL in text: the grouped INSERT fails as a whole, then each is tried alone.
    const outcomes = await Promise.allSettled([
      write(row(good[0] as string, "test.one")),
      write(row(randomUUID(), "test.\u0000bad")),
      write(row(good[1] as string, "test.two")),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((await recordsOf(good)).map((r) => r.request_id).sort()).toEqual([...good].sort());
  });
});
