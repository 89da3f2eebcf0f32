import { findUser, type UserView } from "@cckm/auth";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { parse } from "../../http/validate.ts";

/** A user's `:id`: the bare UUID, or the `user_id` CipherTrust hands out, `local|<uuid>` (URL-encoded `local%7C…`). */
export const userIdParam = z.object({
  id: z
    .string()
    .transform((v) => (v.startsWith("local|") ? v.slice("local|".length) : v))
    .pipe(z.uuid({ message: "must be a user id: a UUID or local|<UUID>" })),
});

/** Provider: the user named by `:id`, or a 404 before anything else happens. */
export async function findUserOr404(deps: AppDeps, params: unknown): Promise<UserView> {
  const { id } = parse(userIdParam, params, "path");
  const user = await findUser(deps.db, id);
  if (!user) throw new ApiError(404, `user ${id} not found`);
  return user;
}
