import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { listQuery, orderByOf, sendList } from "../../http/list.ts";
import { queryText } from "../../http/query-types.ts";
import { parse } from "../../http/validate.ts";
import { USER_FIELDS, userResource } from "./user-resource.ts";

export const query = listQuery({ username: queryText(128).optional(), group: queryText(64).optional() }, [
  "createdAt",
  "updatedAt",
  "username",
] as const);

/** `GET /usermgmt/users` (admins): the list envelope, filters `username` and `group`. */
export function listUsers(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const where = {
      ...(q.username ? { username: q.username } : {}),
      ...(q.group ? { groups: { has: q.group } } : {}),
    };
    const orderBy = orderByOf(q.sort, "createdAt");
    await sendList(req, res, q, deps.db.user.count({ where }), async (skip, take) =>
      (await deps.db.user.findMany({ where, select: USER_FIELDS, orderBy, skip, take })).map(userResource),
    );
  };
}
