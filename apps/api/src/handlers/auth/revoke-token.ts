import { findRefreshTokenOwner, hasRight, revokeRefreshToken } from "@cckm/auth";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { idParam } from "../../http/validate.ts";

/** `DELETE /auth/tokens/{refresh_token_id}`: ends a session; your own, or anyone's for an admin. */
export function revokeToken(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const id = idParam(req.params);
    res.locals.audit = { action: "auth.token.revoke", resourceType: "session", resourceId: id };
    const row = await findRefreshTokenOwner(deps.db, id);
    if (!row) throw new ApiError(404, `refresh token ${id} not found`);
    const principal = req.principal;
    if (!principal || (row.userId !== principal.userId && !hasRight(principal.groups, "admin"))) {
      throw new ApiError(403, "only its owner or an admin may revoke a refresh token");
    }
    await revokeRefreshToken(deps.db, id);
    res.status(204).end();
  };
}
