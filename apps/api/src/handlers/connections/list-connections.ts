import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { envelope, listQuery, orderOf } from "../../http/list.ts";
import { parse } from "../../http/validate.ts";
import { CONNECTION_FIELDS, connectionResource } from "./connection-resource.ts";

export const query = listQuery({ name: z.string().max(64).optional() }, ["createdAt", "name"] as const);

/** `GET /connectionmgmt/services/sap-dc/connections`. */
export function listConnections(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const where = q.name ? { name: q.name } : {};
    const { field, direction } = orderOf<"createdAt" | "name">(q.sort, "-createdAt");
    const [total, rows] = await Promise.all([
      deps.db.sapConnection.count({ where }),
      deps.db.sapConnection.findMany({
        where,
        select: CONNECTION_FIELDS,
        orderBy: [{ [field]: direction }, { id: direction }],
        skip: q.skip,
        take: q.limit,
      }),
    ]);
    res.json(envelope(q.skip, q.limit, total, rows.map(connectionResource)));
  };
}
