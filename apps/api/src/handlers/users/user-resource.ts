import type { UserView } from "@cckm/auth";
import { z } from "zod";
import { resourceBase, resourceBaseShape } from "../../http/resource.ts";

/** The answer's schema of a user (OpenAPI); `userResource` is typed by it. */
export const userResourceSchema = z.object({
  ...resourceBaseShape,
  user_id: z.string().meta({ examples: ["local|6b1f4a2e-1f0c-4a8e-9d55-3b0f2c1d7e90"] }),
  username: z.string(),
  nickname: z.string().nullable(),
  email: z.string().nullable(),
  groups: z.array(z.string()),
});

export type UserResource = z.output<typeof userResourceSchema>;

/** A user as the API shows it: never the password hash. */
export function userResource(row: UserView): UserResource {
  return {
    ...resourceBase("usermgmt:users", row),
    user_id: `local|${row.id}`,
    username: row.username,
    nickname: row.nickname,
    email: row.email,
    groups: row.groups,
  };
}
