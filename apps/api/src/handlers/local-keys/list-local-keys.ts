import { listLocalKeys as readKeys } from "@cckm/inventory";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { envelope, listQuery } from "../../http/list.ts";
import { queryText } from "../../http/query-types.ts";
import { parse } from "../../http/validate.ts";
import { pageOf } from "../oci/oci-kinds.ts";
import { localKeyResource } from "./local-key-resource.ts";

export const query = listQuery({ name: queryText().optional() }, ["createdAt"] as const);

/** `GET /vault/keys2`: the local key source's keys, newest first. */
export function listLocalKeys(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const { total, rows } = await readKeys(deps.db, { name: q.name }, pageOf(q));
    res.json(envelope(q.skip, q.limit, total, rows.map(localKeyResource)));
  };
}
