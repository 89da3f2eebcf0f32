import { ACCESS_TOKEN_SECONDS, type VerifiedToken, verifyAccessTokenUntil } from "./jwt.ts";

/** The most verified tokens one process keeps (the oldest is forgotten first). */
export const TOKEN_CACHE_MAX_ENTRIES = 10_000;

interface Entry {
  token: Readonly<VerifiedToken>;
  secret: string;
  ttlSeconds: number;
  until: number;
}

/**
 * Access tokens this process verified, by their exact text, until the token's own validity ends (the
 * earlier of `exp` and `iat` + the token lifetime, without the clock skew's grace): a token is
 * verified once (HS256 through jose costs ≈ 0.3–0.5 ms) instead of on every request. Only tokens that
 * verified are kept; a token refused is verified again each time. This caches what the token says
 * (signature, issuer, times, claims), never whether its session is live: that check still runs on
 * every request (SessionCache), so a revocation ends a token as before — at once through this
 * process, within SESSION_CACHE_TTL_MS through another.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = TOKEN_CACHE_MAX_ENTRIES,
    private readonly now: () => number = Date.now,
  ) {}

  /** verifyAccessToken, answered from memory for a token this process verified and that is still valid. */
  async verify(
    jwt: string,
    secret: string,
    ttlSeconds: number = ACCESS_TOKEN_SECONDS,
  ): Promise<Readonly<VerifiedToken>> {
    const hit = this.entries.get(jwt);
    if (hit && hit.secret === secret && hit.ttlSeconds === ttlSeconds && hit.until > this.now()) return hit.token;
    if (hit) this.entries.delete(jwt);
    const { token, validUntil } = await verifyAccessTokenUntil(jwt, secret, ttlSeconds);
    const frozen = Object.freeze({ ...token, groups: Object.freeze([...token.groups]) as string[] });
    if (validUntil > this.now() && this.maxEntries > 0) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(jwt, { token: frozen, secret, ttlSeconds, until: validUntil });
    }
    return frozen;
  }
}

/** This process's verified tokens: the API's authentication reads them. */
export const verifiedTokens = new VerifiedTokens();
