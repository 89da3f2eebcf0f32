import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { idParam } from "../../http/validate.ts";
import { USER_FIELDS, type UserRow } from "./user-resource.ts";

/** Provider: the user named by `:id`, or a 404 before anything else happens. */
export async function findUserOr404(deps: AppDeps, params: unknown): Promise<UserRow> {
  const id = idParam(params);
  const user = await deps.db.user.findUnique({ where: { id }, select: USER_FIELDS });
  if (!user) throw new ApiError(404, `user ${id} not found`);
  return user;
}
