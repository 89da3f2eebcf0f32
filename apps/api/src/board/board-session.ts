import { issueRefreshToken } from "@cckm/auth";
import type { Db } from "@cckm/db";
import type { Principal } from "../http/request-types.ts";
import { signSessionId, verifySessionCookie } from "./session-cookie.ts";

/** Board sessions are refresh-token sessions of their own client, so the API can list and revoke them. */
export const BOARD_CLIENT_ID = "cckm-bull-board";

/**
 * Starts a session for a signed-in user and returns the cookie value (`<session id>.<MAC>`). The
 * refresh token itself is dropped: it never leaves the server, so the cookie cannot be used as a
 * refresh token (or a bearer token) against the API.
 */
export async function startBoardSession(
  db: Db,
  userId: string,
  secret: string,
  ttlSeconds: number,
): Promise<{ sessionId: string; cookie: string }> {
  const session = await issueRefreshToken(db, userId, BOARD_CLIENT_ID, ttlSeconds);
  return { sessionId: session.id, cookie: signSessionId(session.id, secret) };
}

/**
 * The principal behind a cookie, checked against the database on every request: the session must
 * exist, belong to the board, be neither revoked nor expired, and its user must still exist (deleting
 * a user deletes their sessions). Groups are the user's groups now.
 */
export async function loadBoardSession(db: Db, cookie: string | undefined, secret: string): Promise<Principal | null> {
  const sessionId = verifySessionCookie(cookie, secret);
  if (!sessionId) return null;
  const row = await db.refreshToken.findUnique({
    where: { id: sessionId },
    select: {
      clientId: true,
      revokedAt: true,
      expiresAt: true,
      user: { select: { id: true, username: true, groups: true } },
    },
  });
  if (!row || row.clientId !== BOARD_CLIENT_ID || row.revokedAt || row.expiresAt.getTime() <= Date.now()) return null;
  return { userId: row.user.id, username: row.user.username, groups: row.user.groups, sessionId };
}
