import type { Db } from "@cckm/db";
import { hashPassword } from "./password.ts";

export const ADMIN_USERNAME = "admin";
export const ADMIN_GROUPS = ["admin"];

/**
 * Creates the `admin` user with ADMIN_PASSWORD when it does not exist yet. An existing admin
 * is left alone: ADMIN_PASSWORD is the initial password, not a reset. Safe to run at every
 * start and from several processes at once (one INSERT ... ON CONFLICT DO NOTHING).
 */
export async function ensureAdminUser(db: Db, password: string): Promise<"created" | "exists"> {
  const existing = await db.user.findUnique({ where: { username: ADMIN_USERNAME }, select: { id: true } });
  if (existing) return "exists";
  const result = await db.user.createMany({
    data: [{ username: ADMIN_USERNAME, passwordHash: await hashPassword(password), groups: ADMIN_GROUPS }],
    skipDuplicates: true,
  });
  return result.count === 1 ? "created" : "exists";
}
