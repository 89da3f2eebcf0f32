import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";

export interface TokenClaims {
  sub: string;
  tenant: string;
  iat: number;
  exp: number;
  jti: string;
}

const b64url = (value: Buffer | string) => Buffer.from(value).toString("base64url");

/**
 * Tenant access tokens: JWT-shaped (HS256 under a key made at start), so a client can read `exp`,
 * and recorded by `jti`, so the admin route can expire every one of them at once. A restart
 * forgets them all, as a real token service would reject tokens of a rotated key.
 */
export class TokenService {
  private readonly signingKey = randomBytes(32);
  private readonly live = new Map<string, number>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  issue(userId: string, tenantId: string): { token: string; claims: TokenClaims } {
    const nowMs = this.now();
    for (const [jti, expiresAt] of this.live) if (expiresAt <= nowMs) this.live.delete(jti);
    const iat = Math.floor(nowMs / 1000);
    const claims: TokenClaims = { sub: userId, tenant: tenantId, iat, exp: iat + this.ttlSeconds, jti: randomUUID() };
    const unsigned = `${b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${b64url(JSON.stringify(claims))}`;
    this.live.set(claims.jti, nowMs + this.ttlSeconds * 1000);
    return { token: `${unsigned}.${this.sign(unsigned)}`, claims };
  }

  /** The claims of a valid token; "expired" for a token that was valid once; "invalid" otherwise. */
  verify(token: string): TokenClaims | "expired" | "invalid" {
    const parts = token.split(".");
    if (parts.length !== 3) return "invalid";
    const [header, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "invalid";
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as TokenClaims;
    } catch {
      return "invalid";
    }
    const expiresAt = this.live.get(claims.jti);
    if (expiresAt === undefined || expiresAt <= this.now()) return "expired";
    return claims;
  }

  /** Every token issued so far stops working now. */
  expireAll(): number {
    const count = this.live.size;
    this.live.clear();
    return count;
  }

  private sign(data: string): string {
    return createHmac("sha256", this.signingKey).update(data).digest("base64url");
  }
}
