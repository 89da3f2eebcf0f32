import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { findUserOr404 } from "./find-user.ts";
import { userResource } from "./user-resource.ts";

/** `GET /usermgmt/users/{id}` (admins). */
export function getUser(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    res.json(userResource(await findUserOr404(deps, req.params)));
  };
}
