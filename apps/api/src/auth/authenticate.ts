import { hasRight, type Right, sessionCache, TokenError, type VerifiedToken, verifiedTokens } from "@cckm/auth";
import type { RequestHandler } from "express";
import type { AppDeps } from "../context.ts";
import { ApiError } from "../http/errors.ts";

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/i;

/**
 * Accepts `Authorization: Bearer <jwt>` only. The token must verify (once per process and token:
 * VerifiedTokens keeps what it says until it expires), and its session (refresh
 * token) and user must still exist: a revoked session or a deleted user ends its tokens at once in
 * this process, and within SESSION_CACHE_TTL_MS in another API process (the check of a live session
 * is answered from memory that long, which saves a round trip per request).
 * Rights come from the user's groups in the database now, not from the token's claims.
 */
export function authenticate(deps: AppDeps): RequestHandler {
  return async (req, _res, next) => {
    const match = BEARER.exec(req.get("authorization") ?? "");
    if (!match?.[1]) throw new ApiError(401, "missing or malformed Authorization header (expected: Bearer <jwt>)");
    let token: Readonly<VerifiedToken>;
    try {
      token = await verifiedTokens.verify(match[1], deps.config.jwtSecret, deps.config.accessTokenTtlSeconds);
    } catch (error) {
      if (error instanceof TokenError) {
        throw new ApiError(401, error.code === "TOKEN_EXPIRED" ? "token expired" : "invalid token");
      }
      throw error;
    }
    const user = token.sessionId ? await sessionCache.sessionUser(deps.pool, token.sessionId, token.userId) : undefined;
    if (!user) throw new ApiError(401, "session ended: sign in again");
    // Our tokens' audience is the client their session was issued to: any other is a foreign token.
    if (token.audience !== user.client_id) throw new ApiError(401, "invalid token (audience)");
    req.principal = { userId: user.id, username: user.username, groups: user.groups, sessionId: token.sessionId };
    req.log = req.log.child({ user: user.username });
    next();
  };
}

/** 403 unless the signed-in user's groups grant `right`. */
export function requireRight(right: Right): RequestHandler {
  return (req, _res, next) => {
    const principal = req.principal;
    if (!principal) throw new ApiError(401, "not signed in");
    if (!hasRight(principal.groups, right)) {
      throw new ApiError(403, `user ${principal.username} may not do this (needs the ${right} right)`);
    }
    next();
  };
}
