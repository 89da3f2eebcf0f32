import type { Db } from "@cckm/db";
import { hashPassword, verifyPassword } from "./password.ts";

export const ADMIN_USERNAME = "admin";
export const ADMIN_GROUPS = ["admin"];

/**
 * Creates the `admin` user from ADMIN_PASSWORD, or resets its password when ADMIN_PASSWORD
 * changed. Safe to run at every start and from several processes at once.
 */
export async function ensureAdminUser(db: Db, password: string): Promise<"created" | "updated" | "unchanged"> {
  const existing = await db.user.findUnique({ where: { username: ADMIN_USERNAME } });
  if (existing) {
    if (await verifyPassword(password, existing.passwordHash)) return "unchanged";
    await db.user.update({ where: { id: existing.id }, data: { passwordHash: await hashPassword(password) } });
    return "updated";
  }
  // An upsert on the unique username is one INSERT ... ON CONFLICT: a racing start cannot duplicate it.
  await db.user.upsert({
    where: { username: ADMIN_USERNAME },
    create: { username: ADMIN_USERNAME, passwordHash: await hashPassword(password), groups: ADMIN_GROUPS },
    update: {},
  });
  return "created";
}
