import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@cckm/db";
import { sessionCache } from "./session-cache.ts";

export const DEFAULT_CLIENT_ID = "cckm-sap-jobs";

const hashOf = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

export interface IssuedRefreshToken {
  id: string;
  token: string;
  clientId: string;
  expiresAt: Date;
}

/** A new random refresh token; only its sha256 is stored. */
export async function issueRefreshToken(
  db: Db,
  userId: string,
  clientId: string,
  ttlSeconds: number,
): Promise<IssuedRefreshToken> {
  const token = randomBytes(32).toString("base64url");
  const row = await db.refreshToken.create({
    data: { userId, clientId, tokenHash: hashOf(token), expiresAt: new Date(Date.now() + ttlSeconds * 1000) },
  });
  return { id: row.id, token, clientId, expiresAt: row.expiresAt };
}

/**
 * A new token for a live session (CipherTrust's `renew_refresh_token`): the same session id, so the
 * access tokens issued under it stay valid, a fresh lifetime from now, and the old token stops
 * working at once. Null when the session ended meanwhile (revoked or expired) or `current` was
 * renewed by a concurrent request first (one of two renewals of the same token wins).
 */
export async function renewRefreshToken(
  db: Db,
  id: string,
  current: string,
  ttlSeconds: number,
): Promise<IssuedRefreshToken | null> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  const renewed = await db.refreshToken.updateMany({
    where: { id, tokenHash: hashOf(current), revokedAt: null, expiresAt: { gt: new Date() } },
    data: { tokenHash: hashOf(token), expiresAt },
  });
  if (renewed.count !== 1) return null;
  const row = await db.refreshToken.findUniqueOrThrow({ where: { id }, select: { clientId: true } });
  return { id, token, clientId: row.clientId, expiresAt };
}

/** The live (not revoked, not expired) refresh token and its user, or null. */
export async function findLiveRefreshToken(db: Db, token: string) {
  const row = await db.refreshToken.findUnique({ where: { tokenHash: hashOf(token) }, include: { user: true } });
  if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now()) return null;
  return row;
}

/** Whether an access token's session is still live (its refresh token exists and is not revoked). */
export async function isSessionLive(db: Db, sessionId: string): Promise<boolean> {
  const row = await db.refreshToken.findUnique({ where: { id: sessionId }, select: { revokedAt: true } });
  return row !== null && row.revokedAt === null;
}

/** Revokes once; a second revoke of the same token is a no-op. Returns the owner, or null if unknown. */
export async function revokeRefreshToken(db: Db, id: string): Promise<{ userId: string } | null> {
  const row = await db.refreshToken.findUnique({ where: { id }, select: { userId: true } });
  if (!row) return null;
  await db.refreshToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  sessionCache.forgetSession(id);
  return row;
}
