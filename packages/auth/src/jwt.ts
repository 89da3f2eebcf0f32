import { randomUUID } from "node:crypto";
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";

/** Access tokens live 300 s by default, as CipherTrust Manager's do (ACCESS_TOKEN_TTL_SECONDS sets it). */
export const ACCESS_TOKEN_SECONDS = 300;
export const ISSUER = "kylo";
const ALGORITHM = "HS256";
/** How far our clock and the issuing instance's may disagree (exp, iat in the future). */
export const CLOCK_SKEW_SECONDS = 30;
const ZERO_UUID = "00000000-0000-0000-0000-000000000000";

export interface TokenSubject {
  userId: string;
  username: string;
  groups: string[];
  /** The refresh token (session) this access token was issued under. */
  sessionId: string;
  clientId: string;
}

export interface VerifiedToken {
  userId: string;
  username: string;
  groups: string[];
  sessionId: string;
  tokenId: string;
  /** `aud`: the client id of the session the token was issued under; the caller compares it with the session's. */
  audience: string;
}

/** Why a token was refused; the API answers 401 for every one of them. */
export class TokenError extends Error {
  constructor(
    readonly code: "TOKEN_EXPIRED" | "TOKEN_INVALID",
    message: string,
  ) {
    super(message);
    this.name = "TokenError";
  }
}

function keyOf(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Signs a JWT shaped like CipherTrust Manager's (iss/acc kylo, sub local|<uuid>, cust.groups, jwtid). */
export async function signAccessToken(
  subject: TokenSubject,
  secret: string,
  now: Date = new Date(),
  ttlSeconds: number = ACCESS_TOKEN_SECONDS,
): Promise<{ jwt: string; expiresAt: Date }> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + ttlSeconds;
  const jwt = await new SignJWT({
    acc: ISSUER,
    preferred_username: subject.username,
    cust: { domain_id: ZERO_UUID, zone_id: ZERO_UUID, groups: subject.groups, sid: subject.sessionId },
    jwtid: randomUUID(),
  })
    .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
    .setIssuer(ISSUER)
    .setSubject(`local|${subject.userId}`)
    .setAudience(subject.clientId)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(keyOf(secret));
  return { jwt, expiresAt: new Date(exp * 1000) };
}

const SUBJECT = /^local\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * Verifies signature (HS256 only: `none` and every other algorithm are refused), issuer, expiry and
 * issue time: `iat` may be at most CLOCK_SKEW_SECONDS in the future and the token at most
 * `ttlSeconds` (ACCESS_TOKEN_SECONDS by default) old (jose's `maxTokenAge`), whatever `exp` says. `aud` must be one string; that
 * it names the session's client is the caller's check (it knows the session).
 */
export async function verifyAccessToken(
  jwt: string,
  secret: string,
  ttlSeconds: number = ACCESS_TOKEN_SECONDS,
): Promise<VerifiedToken> {
  return (await verifyAccessTokenUntil(jwt, secret, ttlSeconds)).token;
}

/**
 * verifyAccessToken, and until when (ms since the epoch) the token stays valid by its own claims
 * without the clock skew's grace: the earlier of `exp` and `iat` + `ttlSeconds`.
 */
export async function verifyAccessTokenUntil(
  jwt: string,
  secret: string,
  ttlSeconds: number = ACCESS_TOKEN_SECONDS,
): Promise<{ token: VerifiedToken; validUntil: number }> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(jwt, keyOf(secret), {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      clockTolerance: CLOCK_SKEW_SECONDS,
      maxTokenAge: ttlSeconds,
      requiredClaims: ["sub", "exp", "iat", "aud"],
    }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new TokenError("TOKEN_EXPIRED", "token expired");
    throw new TokenError("TOKEN_INVALID", "invalid token");
  }
  const match = SUBJECT.exec(String(payload.sub));
  const cust = payload.cust as { groups?: unknown; sid?: unknown } | undefined;
  const audience = payload.aud;
  if (
    !match?.[1] ||
    payload.acc !== ISSUER ||
    !Array.isArray(cust?.groups) ||
    typeof audience !== "string" ||
    !audience
  ) {
    throw new TokenError("TOKEN_INVALID", "invalid token claims");
  }
  const token = {
    userId: match[1],
    username: String(payload.preferred_username ?? ""),
    groups: cust.groups.map(String),
    sessionId: String(cust.sid ?? ""),
    tokenId: String(payload.jwtid ?? ""),
    audience,
  };
  // requiredClaims made jose check both as numbers.
  return { token, validUntil: Math.min(Number(payload.exp), Number(payload.iat) + ttlSeconds) * 1000 };
}
