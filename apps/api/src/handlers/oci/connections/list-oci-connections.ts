import { listOciConnections as readConnections } from "@cckm/inventory";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../../context.ts";
import { envelope, listQuery } from "../../../http/list.ts";
import { queryText } from "../../../http/query-types.ts";
import { parse } from "../../../http/validate.ts";
import { pageOf } from "../oci-kinds.ts";
import { ociConnectionResource } from "./oci-connection-resource.ts";

export const query = listQuery({ name: queryText().optional() }, ["createdAt"] as const);

/** `GET /connectionmgmt/services/oci/connections`: newest first. */
export function listOciConnections(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const { total, rows } = await readConnections(deps.db, { name: q.name }, pageOf(q));
    res.json(envelope(q.skip, q.limit, total, rows.map(ociConnectionResource)));
  };
}
