import { resourceBase } from "../../http/resource.ts";

export interface UserRow {
  id: string;
  username: string;
  nickname: string | null;
  email: string | null;
  groups: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** A user as the API shows it: never the password hash. */
export function userResource(row: UserRow) {
  return {
    ...resourceBase("usermgmt:users", row),
    user_id: `local|${row.id}`,
    username: row.username,
    nickname: row.nickname,
    email: row.email,
    groups: row.groups,
  };
}

export const USER_FIELDS = {
  id: true,
  username: true,
  nickname: true,
  email: true,
  groups: true,
  createdAt: true,
  updatedAt: true,
} as const;
