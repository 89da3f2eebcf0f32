import { DUMMY_PASSWORD_HASH, findUserForSignIn, verifyPassword } from "@cckm/auth";
import type { Db } from "@cckm/db";
import type { Request } from "express";
import type { LoginThrottle } from "./login-throttle.ts";

export interface SignedInUser {
  id: string;
  username: string;
  groups: string[];
}

export type PasswordCheck =
  | { outcome: "throttled"; wait: number }
  /** A wrong password or an unknown user (`username` set only for a real user, for the audit log). */
  | { outcome: "invalid"; username?: string }
  | { outcome: "valid"; user: SignedInUser };

/** The address a sign-in is counted under: Express's `req.ip`, which follows the app's `trust proxy`. */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}

/**
 * A password sign-in, throttled (the API's token grant and the board's sign-in alike). Only a real
 * credential failure stays counted against the username and the address: when the check cannot
 * tell (Postgres unreachable, a fault), the attempt is given back and the error goes on to the
 * error handler (503 for an outage, 500 otherwise). An unknown user is checked against a dummy
 * hash, so both failures take as long.
 */
export async function checkPassword(
  db: Db,
  throttle: LoginThrottle,
  credentials: { username: string; password: string; address: string },
): Promise<PasswordCheck> {
  const { username, password, address } = credentials;
  const attempt = await throttle.admit(username, address);
  if (attempt.wait > 0) return { outcome: "throttled", wait: attempt.wait };
  let found: Awaited<ReturnType<typeof findUserForSignIn>>;
  let valid: boolean;
  try {
    found = await findUserForSignIn(db, username);
    valid = await verifyPassword(password, found?.passwordHash ?? DUMMY_PASSWORD_HASH);
  } catch (error) {
    await attempt.giveBack();
    throw error;
  }
  if (!found || !valid) return { outcome: "invalid", ...(found ? { username: found.username } : {}) };
  await attempt.succeeded();
  return { outcome: "valid", user: { id: found.id, username: found.username, groups: found.groups } };
}
