/**
 * The access token of the technical user: one login shared by concurrent callers, reused until a
 * margin before its `exp` (read from the JWT payload when the token is one), dropped on a 401.
 */
export class TokenCache {
  private current?: { token: string; issuedAt: number; expiresAt?: number };
  private pending?: Promise<string>;

  constructor(
    private readonly login: () => Promise<string>,
    private readonly marginMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.current !== undefined && this.fresh(this.current)) return this.current.token;
    this.pending ??= this.login()
      .then((token) => {
        this.current = { token, issuedAt: this.now(), expiresAt: jwtExpiry(token) };
        return token;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  /** Forgets `token` (if still current), so the next get() logs in again. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  /** Fresh until a margin before expiry: `marginMs`, but at most half the token's lifetime. */
  private fresh(entry: { issuedAt: number; expiresAt?: number }): boolean {
    if (entry.expiresAt === undefined) return true; // unknown expiry: rely on the 401 refresh
    const margin = Math.min(this.marginMs, (entry.expiresAt - entry.issuedAt) / 2);
    return this.now() < entry.expiresAt - margin;
  }
}

/** `exp` of a JWT in milliseconds, or undefined when the token is not a JWT with a numeric `exp`. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split(".")[1];
  if (payload === undefined) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { exp?: unknown }).exp;
    return typeof exp === "number" && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
