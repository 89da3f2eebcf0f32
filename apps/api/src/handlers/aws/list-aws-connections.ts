import { countAwsConnections, listAwsConnections as readConnections } from "@cckm/inventory";
import type { RequestHandler } from "express";
import type { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { listQuery, sendList } from "../../http/list.ts";
import { queryText, queryUuid } from "../../http/query-types.ts";
import { parse } from "../../http/validate.ts";
import { awsConnectionResource } from "./aws-connection-resource.ts";

export const query = listQuery({ id: queryUuid.optional(), name: queryText().optional() }, [
  "createdAt",
  "updatedAt",
  "name",
] as const);

const filterOf = (q: z.infer<typeof query>) => ({ id: q.id, name: q.name });

/** `GET /connectionmgmt/services/aws/connections`: newest first by default; `limit=-1` streams them all. */
export function listAwsConnections(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const filter = filterOf(q);
    await sendList(
      req,
      res,
      q,
      () => countAwsConnections(deps.db, filter),
      async (skip, take) =>
        (await readConnections(deps.db, filter, { skip, take, sort: q.sort })).map(awsConnectionResource),
    );
  };
}
