import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { envelope, listQuery, orderOf } from "../../http/list.ts";
import { parse } from "../../http/validate.ts";
import { GROUP_SELECT, groupResource } from "./group-resource.ts";

export const query = listQuery(
  {
    name: z.string().max(256).optional(),
    connection: z.string().max(64).optional(),
    group_id: z.string().max(256).optional(),
  },
  ["createdAt", "name"] as const,
);

/** `GET /cckm/sap/groups`: filters `name`, `connection` (name or id), `group_id` (the SAP id). */
export function listGroups(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const isUuid = q.connection ? z.uuid().safeParse(q.connection).success : false;
    const where = {
      ...(q.name ? { name: q.name } : {}),
      ...(q.group_id ? { sapGroupId: q.group_id } : {}),
      ...(q.connection ? { connection: isUuid ? { id: q.connection } : { name: q.connection } } : {}),
    };
    const { field, direction } = orderOf<"createdAt" | "name">(q.sort, "name");
    const [total, rows] = await Promise.all([
      deps.db.sapGroup.count({ where }),
      deps.db.sapGroup.findMany({
        where,
        select: GROUP_SELECT,
        orderBy: [{ [field]: direction }, { id: direction }],
        skip: q.skip,
        take: q.limit,
      }),
    ]);
    res.json(envelope(q.skip, q.limit, total, rows.map(groupResource)));
  };
}
