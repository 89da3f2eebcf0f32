import { ADMIN_USERNAME, deleteUser as dropUser } from "@cckm/auth";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { findUserOr404 } from "./find-user.ts";

/** `DELETE /usermgmt/users/{id}` (admins): 204; their sessions end with them. The built-in admin stays. */
export function deleteUser(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const user = await findUserOr404(deps, req.params);
    res.locals.audit = { action: "user.delete", resourceType: "user", resourceId: user.id };
    if (user.username === ADMIN_USERNAME) throw new ApiError(409, "the built-in admin user cannot be deleted");
    await dropUser(deps.db, user.id);
    res.status(204).end();
  };
}
