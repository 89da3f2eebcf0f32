import {
  ACCESS_TOKEN_SECONDS,
  DEFAULT_CLIENT_ID,
  findLiveRefreshToken,
  issueRefreshToken,
  signAccessToken,
} from "@cckm/auth";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { LoginThrottle } from "../../auth/login-throttle.ts";
import { checkPassword, clientAddress } from "../../auth/sign-in.ts";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { parse } from "../../http/validate.ts";

const clientId = z.string().min(1).max(128).optional();
export const body = z.discriminatedUnion("grant_type", [
  z.strictObject({
    grant_type: z.literal("password"),
    username: z.string().min(1).max(128),
    password: z.string().min(1).max(1024),
    client_id: clientId,
  }),
  z.strictObject({
    grant_type: z.literal("refresh_token"),
    refresh_token: z.string().min(1).max(512),
    client_id: clientId,
  }),
]);

/** `POST /auth/tokens`: a password or a refresh token for a 300-second JWT. */
export function createToken(deps: AppDeps, throttle: LoginThrottle): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    res.locals.audit = {
      action: "auth.token.create",
      resourceType: "session",
      detail: { grant_type: input.grant_type },
    };

    let user: { id: string; username: string; groups: string[] };
    let session: { id: string; token: string; clientId: string };
    if (input.grant_type === "password") {
      const check = await checkPassword(deps.db, throttle, {
        username: input.username,
        password: input.password,
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
      session = await issueRefreshToken(
        deps.db,
        user.id,
        input.client_id ?? DEFAULT_CLIENT_ID,
        deps.config.refreshTokenTtlSeconds,
      );
    } else {
      const row = await findLiveRefreshToken(deps.db, input.refresh_token);
      if (!row) throw new ApiError(401, "invalid, expired or revoked refresh token");
      if (input.client_id && input.client_id !== row.clientId)
        throw new ApiError(401, "refresh token of another client");
      user = row.user;
      res.locals.audit.actorName = row.user.username;
      session = { id: row.id, token: input.refresh_token, clientId: row.clientId };
    }

    const { jwt } = await signAccessToken(
      {
        userId: user.id,
        username: user.username,
        groups: user.groups,
        sessionId: session.id,
        clientId: session.clientId,
      },
      deps.config.jwtSecret,
    );
    res.locals.audit.resourceId = session.id;
    res.status(200).json({
      jwt,
      duration: ACCESS_TOKEN_SECONDS,
      token_type: "Bearer",
      client_id: session.clientId,
      refresh_token: session.token,
      refresh_token_id: session.id,
    });
  };
}
