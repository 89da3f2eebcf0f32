export { ADMIN_GROUPS, ADMIN_USERNAME, ensureAdminUser } from "./admin-user.ts";
export { AuthError, type AuthErrorCode } from "./errors.ts";
export {
  ACCESS_TOKEN_SECONDS,
  CLOCK_SKEW_SECONDS,
  ISSUER,
  signAccessToken,
  TokenError,
  type TokenSubject,
  type VerifiedToken,
  verifyAccessToken,
} from "./jwt.ts";
export { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from "./password.ts";
export {
  DEFAULT_CLIENT_ID,
  findLiveRefreshToken,
  type IssuedRefreshToken,
  isSessionLive,
  issueRefreshToken,
  renewRefreshToken,
  revokeRefreshToken,
} from "./refresh-tokens.ts";
export { GROUP_RIGHTS, hasRight, KNOWN_GROUPS, type Right } from "./rights.ts";
export { SESSION_CACHE_TTL_MS, SessionCache, sessionCache } from "./session-cache.ts";
export { findRefreshTokenOwner, findSessionUser, type SessionUser } from "./sessions.ts";
export { TOKEN_CACHE_MAX_ENTRIES, VerifiedTokens, verifiedTokens } from "./token-cache.ts";
export {
  countUsers,
  createUser,
  deleteUser,
  findUser,
  findUserForSignIn,
  listUsers,
  type NewUser,
  USER_VIEW,
  type UserFilter,
  type UserSortField,
  type UserView,
} from "./users.ts";
