import { createPool, createPrismaClient, type Db, type Pool } from "@cckm/db";
import { createTestDatabase, type TestDatabase } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueRefreshToken, revokeRefreshToken } from "./refresh-tokens.ts";
import { SessionCache, sessionCache } from "./session-cache.ts";
import { deleteUser } from "./users.ts";

describe("session cache", () => {
  let database: TestDatabase;
  let db: Db;
  let pool: Pool;
  let clock = 0;
  const cache = new SessionCache(2_000, () => clock);
  /** Counts the session statements that reach Postgres. */
  let asked = 0;
  const counting = {
    query: (...args: Parameters<Pool["query"]>) => {
      asked++;
      return (pool.query as (...a: unknown[]) => unknown)(...args);
    },
  } as unknown as Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrismaClient(database.url, { max: 2 });
    pool = createPool(database.url, { max: 2 });
  });
  afterAll(async () => {
    await pool.end();
    await db.$disconnect();
    await database.drop();
  });

  async function session(username: string) {
    const user = await db.user.create({ data: { username, passwordHash: "x", groups: ["admin"] } });
    return { user, token: await issueRefreshToken(db, user.id, "cckm-sap-jobs", 3600) };
  }

  it("answers a live session from memory until its TTL, then asks Postgres again", async () => {
    const { user, token } = await session("cached");
    asked = 0;
    expect((await cache.sessionUser(counting, token.id, user.id))?.username).toBe("cached");
    expect((await cache.sessionUser(counting, token.id, user.id))?.username).toBe("cached");
    expect(asked).toBe(1);
    // Revoked by another process (straight in the table): this process notices within the TTL.
    await pool.query("UPDATE refresh_tokens SET revoked_at = now() WHERE id = $1::uuid", [token.id]);
    clock += 1_999;
    expect(await cache.sessionUser(counting, token.id, user.id)).toBeDefined();
    clock += 2;
    expect(await cache.sessionUser(counting, token.id, user.id)).toBeUndefined();
    expect(await cache.sessionUser(counting, token.id, user.id)).toBeUndefined(); // refusals are not kept
    expect(asked).toBe(3);
  });

  it("forgets at once a session revoked, or a user deleted, through this process", async () => {
    const a = await session("revoked-here");
    const b = await session("deleted-here");
    expect(await sessionCache.sessionUser(pool, a.token.id, a.user.id)).toBeDefined();
    expect(await sessionCache.sessionUser(pool, b.token.id, b.user.id)).toBeDefined();
    await revokeRefreshToken(db, a.token.id);
    await deleteUser(db, b.user.id);
    expect(await sessionCache.sessionUser(pool, a.token.id, a.user.id)).toBeUndefined();
    expect(await sessionCache.sessionUser(pool, b.token.id, b.user.id)).toBeUndefined();
  });

  it("does not keep an answer read before a revocation that landed meanwhile", async () => {
    const { user, token } = await session("racing");
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = {
      query: async (...args: Parameters<Pool["query"]>) => {
        const answer = await (pool.query as (...a: unknown[]) => Promise<unknown>)(...args);
        await held; // the answer (live) is read; the revocation lands before it is used
        return answer;
      },
    } as unknown as Pool;
    const reading = cache.sessionUser(slow, token.id, user.id);
    await pool.query("UPDATE refresh_tokens SET revoked_at = now() WHERE id = $1::uuid", [token.id]);
    cache.forgetSession(token.id);
    release();
    expect(await reading).toBeDefined(); // that request began before the revocation
    expect(await cache.sessionUser(pool, token.id, user.id)).toBeUndefined();
  });
});
