import { createPrismaClient, type Db } from "@cckm/db";
import { createTestDatabase, type TestDatabase } from "@cckm/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureAdminUser } from "./admin-user.ts";
import { verifyPassword } from "./password.ts";

describe("ensureAdminUser", () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrismaClient(database.url, { max: 4 });
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it("creates the admin once, even when several processes start together, and never resets it", async () => {
    const outcomes = await Promise.all([1, 2, 3].map(() => ensureAdminUser(db, "first")));
    expect(outcomes.filter((o) => o === "created")).toHaveLength(1);
    expect(await ensureAdminUser(db, "second")).toBe("exists");
    const users = await db.user.findMany();
    expect(users).toHaveLength(1);
    expect(users[0]?.groups).toEqual(["admin"]);
    expect(await verifyPassword("first", users[0]?.passwordHash ?? "")).toBe(true);
  });
});
