import type { Queryable } from "@cckm/db";
import { findSessionUser, type SessionUser } from "./sessions.ts";

/**
 * How long a live session's check is answered from this process's memory. A session revoked (or a
 * user deleted) through this process ends at once (the revoke forgets it here); through another API
 * process, within this long. Access tokens live ACCESS_TOKEN_SECONDS anyway.
 */
export const SESSION_CACHE_TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  user: SessionUser;
  until: number;
}

/**
 * The live sessions this process checked in the last `ttlMs`, by session and user. Only live
 * sessions are kept (a refused one is asked again each time). A revocation here bumps `epoch`, and a
 * check that began before it does not store its answer, so a read racing a revoke cannot bring the
 * revoked session back.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private epoch = 0;

  constructor(
    private readonly ttlMs = SESSION_CACHE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The user of a live session (findSessionUser), from memory while the last answer is fresh. */
  async sessionUser(db: Queryable, sessionId: string, userId: string): Promise<SessionUser | undefined> {
    const key = `${sessionId}/${userId}`;
    const hit = this.entries.get(key);
    if (hit && hit.until > this.now()) return hit.user;
    if (hit) this.entries.delete(key);
    const epoch = this.epoch;
    const user = await findSessionUser(db, sessionId, userId);
    if (user && epoch === this.epoch && this.ttlMs > 0) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key, { user, until: this.now() + this.ttlMs });
    }
    return user;
  }

  /** Ends a revoked session here at once. */
  forgetSession(sessionId: string): void {
    this.epoch++;
    for (const key of this.entries.keys()) if (key.startsWith(`${sessionId}/`)) this.entries.delete(key);
  }

  /** Ends every session of a deleted user here at once. */
  forgetUser(userId: string): void {
    this.epoch++;
    for (const key of this.entries.keys()) if (key.endsWith(`/${userId}`)) this.entries.delete(key);
  }
}

/** This process's session cache: the API's authentication reads it, revocations here forget from it. */
export const sessionCache = new SessionCache();
