import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { envelope, listQuery, orderOf } from "../../http/list.ts";
import { parse } from "../../http/validate.ts";
import { USER_FIELDS, userResource } from "./user-resource.ts";

export const query = listQuery({ username: z.string().max(128).optional(), group: z.string().max(64).optional() }, [
  "createdAt",
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
    const { field, direction } = orderOf<"createdAt" | "username">(q.sort, "createdAt");
    const [total, rows] = await Promise.all([
      deps.db.user.count({ where }),
      deps.db.user.findMany({
        where,
        select: USER_FIELDS,
        orderBy: [{ [field]: direction }, { id: direction }],
        skip: q.skip,
        take: q.limit,
      }),
    ]);
    res.json(envelope(q.skip, q.limit, total, rows.map(userResource)));
  };
}
