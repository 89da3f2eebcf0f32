import { countUsers, listUsers as readUsers } from "@cckm/auth";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { listQuery, sendList } from "../../http/list.ts";
import { queryText } from "../../http/query-types.ts";
import { parse } from "../../http/validate.ts";
import { userResource } from "./user-resource.ts";

export const query = listQuery({ username: queryText(128).optional(), group: queryText(64).optional() }, [
  "createdAt",
  "updatedAt",
  "username",
] as const);

/** `GET /usermgmt/users` (admins): the list envelope, filters `username` and `group`. */
export function listUsers(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const filter = { username: q.username, group: q.group };
    await sendList(
      req,
      res,
      q,
      () => countUsers(deps.db, filter),
      async (skip, take) => (await readUsers(deps.db, filter, { skip, take, sort: q.sort })).map(userResource),
    );
  };
}
