import {
  ACCESS_TOKEN_SECONDS,
  DEFAULT_CLIENT_ID,
  findLiveRefreshToken,
  issueRefreshToken,
  renewRefreshToken,
  signAccessToken,
} from "@cckm/auth";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { LoginThrottle } from "../../auth/login-throttle.ts";
import { checkPassword, clientAddress } from "../../auth/sign-in.ts";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { parse } from "../../http/validate.ts";

/** Domains other than root are not served here: "", null and "root" all mean the root domain. */
const rootDomain = z
  .string()
  .max(256)
  .nullish()
  .refine((v) => v === null || v === undefined || v === "" || v === "root", "only the root domain is served here");

/** The token answer: what CipherTrust's clients read (docs/cckm-compatibility.md §3.2). */
export const tokenResponse = z.object({
  jwt: z.string(),
  duration: z.number().int().meta({ description: "seconds the jwt is valid" }),
  token_type: z.literal("Bearer"),
  client_id: z.string(),
  refresh_token: z.string(),
  refresh_token_id: z.string(),
  refresh_token_expires_in: z.number().int(),
});

/**
 * CipherTrust's token request as its clients send it (docs/cckm-compatibility.md §3.2): `grant_type`
 * may be absent (password), `name` stands for `username`, and the fields below are accepted, `null`
 * meaning absent. Honoured: `connection` (local accounts only), the domain fields (root only),
 * `renew_refresh_token` (a refresh grant rotates its token) and `refresh_token_lifetime` (minutes,
 * 0 the default, capped at REFRESH_TOKEN_TTL_SECONDS). Accepted and ignored: `cookies`, `labels`,
 * `refresh_token_revoke_unused_in`. Unknown fields are dropped.
 */
export const body = z
  .object({
    grant_type: z.enum(["password", "refresh_token"]).nullish(),
    username: z.string().max(128).nullish(),
    name: z.string().max(128).nullish(),
    password: z.string().max(1024).nullish(),
    refresh_token: z.string().max(512).nullish(),
    client_id: z.string().min(1).max(128).nullish(),
    connection: z
      .string()
      .max(128)
      .nullish()
      .refine((v) => !v || v === "local_account", "only local_account (users of this service) is served here"),
    domain: rootDomain,
    auth_domain: rootDomain,
    auth_domain_path: rootDomain,
    cookies: z.boolean().nullish(),
    labels: z.array(z.string().max(256)).max(64).nullish(),
    renew_refresh_token: z.boolean().nullish(),
    refresh_token_lifetime: z.number().int().min(0).max(2_147_483_647).nullish(),
    refresh_token_revoke_unused_in: z.number().int().min(0).max(2_147_483_647).nullish(),
  })
  .superRefine((input, ctx) => {
    const missing = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if ((input.grant_type ?? "password") === "password") {
      if (!input.username && !input.name) missing("username", "required for the password grant (or name)");
      if (!input.password) missing("password", "required for the password grant");
    } else if (!input.refresh_token) {
      missing("refresh_token", "required for the refresh_token grant");
    }
  });

/** The lifetime of a new or renewed session: `refresh_token_lifetime` minutes, at most the configured one. */
function lifetimeSeconds(minutes: number | null | undefined, configured: number): number {
  return minutes ? Math.min(minutes * 60, configured) : configured;
}

/**
 * `POST /auth/tokens`: a password or a refresh token for a JWT of ACCESS_TOKEN_TTL_SECONDS (300), with the session's
 * refresh token and how long it lives (`refresh_token_expires_in`, seconds).
 */
export function createToken(deps: AppDeps, throttle: LoginThrottle): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    res.locals.audit = {
      action: "auth.token.create",
      resourceType: "session",
      detail: { grant_type: input.grant_type ?? "password" },
    };
    const ttl = lifetimeSeconds(input.refresh_token_lifetime, deps.config.refreshTokenTtlSeconds);

    let user: { id: string; username: string; groups: string[] };
    let session: { id: string; token: string; clientId: string; expiresAt: Date };
    if ((input.grant_type ?? "password") === "password") {
      const check = await checkPassword(deps.db, throttle, {
        username: input.username || input.name || "",
        password: input.password ?? "",
        address: clientAddress(req),
      });
      if (check.outcome === "throttled") {
        res.set("retry-after", String(check.wait));
        throw new ApiError(429, `too many failed sign-ins; try again in ${check.wait} s`);
      }
      // The audit log names only real users: a password typed into the username field stays out of it.
      if (check.outcome === "invalid") {
        if (check.username) res.locals.audit.actorName = check.username;
        throw new ApiError(401, "invalid username or password");
      }
      user = check.user;
      res.locals.audit.actorName = user.username;
      session = await issueRefreshToken(deps.db, user.id, input.client_id ?? DEFAULT_CLIENT_ID, ttl);
    } else {
      const token = input.refresh_token ?? "";
      const row = await findLiveRefreshToken(deps.db, token);
      if (!row) throw new ApiError(401, "invalid, expired or revoked refresh token");
      if (input.client_id && input.client_id !== row.clientId)
        throw new ApiError(401, "refresh token of another client");
      user = row.user;
      res.locals.audit.actorName = row.user.username;
      if (input.renew_refresh_token) {
        const renewed = await renewRefreshToken(deps.db, row.id, token, ttl);
        if (!renewed) throw new ApiError(401, "invalid, expired or revoked refresh token");
        session = renewed;
      } else {
        session = { id: row.id, token, clientId: row.clientId, expiresAt: row.expiresAt };
      }
    }

    const ttlSeconds = deps.config.accessTokenTtlSeconds ?? ACCESS_TOKEN_SECONDS;
    const { jwt } = await signAccessToken(
      {
        userId: user.id,
        username: user.username,
        groups: user.groups,
        sessionId: session.id,
        clientId: session.clientId,
      },
      deps.config.jwtSecret,
      new Date(),
      ttlSeconds,
    );
    res.locals.audit.resourceId = session.id;
    const answer: z.output<typeof tokenResponse> = {
      jwt,
      duration: ttlSeconds,
      token_type: "Bearer",
      client_id: session.clientId,
      refresh_token: session.token,
      refresh_token_id: session.id,
      refresh_token_expires_in: Math.max(0, Math.round((session.expiresAt.getTime() - Date.now()) / 1000)),
    };
    res.status(200).json(answer);
  };
}
