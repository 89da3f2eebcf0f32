import type { Request } from "express";
import type { TokenService } from "../auth/token-service.ts";
import type { TechnicalUser } from "../store/records.ts";
import type { TenantStore } from "../store/tenant-store.ts";
import { KmsError } from "./errors.ts";

export function bearerToken(req: Request): string | undefined {
  const header = req.get("authorization");
  const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

/** The technical user behind a request's access token, or a 401 (TOKEN_EXPIRED for a token that ran out). */
export function authenticate(req: Request, tokens: TokenService, store: TenantStore): TechnicalUser {
  const token = bearerToken(req);
  if (token === undefined) throw new KmsError("UNAUTHORIZED", "missing bearer access token");
  const claims = tokens.verify(token);
  if (claims === "expired") throw new KmsError("TOKEN_EXPIRED", "access token expired; request a new one");
  if (claims === "invalid") throw new KmsError("UNAUTHORIZED", "invalid access token");
  const user = store.tenant.users.find((u) => u.id === claims.sub);
  if (user === undefined) throw new KmsError("UNAUTHORIZED", "unknown technical user");
  return user;
}
