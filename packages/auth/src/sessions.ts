import { type Db, prepared, type Queryable } from "@cckm/db";

// The session's user and client, if the session (refresh token) is not revoked and belongs to that user.
const SESSION_USER = prepared(
  "session_user_client",
  `
SELECT u.id, u.username, u.groups, t.client_id
  FROM refresh_tokens t JOIN users u ON u.id = t.user_id
 WHERE t.id = $1::uuid AND t.revoked_at IS NULL AND u.id = $2::uuid`,
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The user of a live session and the client it was issued to. */
export interface SessionUser {
  id: string;
  username: string;
  groups: string[];
  client_id: string;
}

/**
 * The user of an access token's session, when the session (refresh token) is not revoked and is
 * that user's; undefined otherwise (ids that are not UUIDs included). One prepared statement: every
 * authenticated request runs it.
 */
export async function findSessionUser(
  db: Queryable,
  sessionId: string,
  userId: string,
): Promise<SessionUser | undefined> {
  if (!UUID.test(sessionId) || !UUID.test(userId)) return undefined;
  const { rows } = await db.query<SessionUser>({ ...SESSION_USER, values: [sessionId, userId] });
  return rows[0];
}

/** Who a refresh token (session) belongs to; null when there is none. */
export async function findRefreshTokenOwner(db: Db, id: string): Promise<{ userId: string } | null> {
  return db.refreshToken.findUnique({ where: { id }, select: { userId: true } });
}
