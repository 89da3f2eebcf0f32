import { countAwsKms, listAwsKms as readKms } from "@cckm/inventory";
import type { RequestHandler } from "express";
import type { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { listQuery, sendList } from "../../http/list.ts";
import { queryText, queryUuid } from "../../http/query-types.ts";
import { parse } from "../../http/validate.ts";
import { awsKmsResource } from "./aws-kms-resource.ts";

export const query = listQuery(
  { id: queryUuid.optional(), name: queryText().optional(), account_id: queryText().optional() },
  ["createdAt", "updatedAt", "name"] as const,
);

const filterOf = (q: z.infer<typeof query>) => ({ id: q.id, name: q.name, accountId: q.account_id });

/** `GET /cckm/aws/kms`: newest first by default. */
export function listAwsKms(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const filter = filterOf(q);
    await sendList(
      req,
      res,
      q,
      () => countAwsKms(deps.db, filter),
      async (skip, take) => (await readKms(deps.db, filter, { skip, take, sort: q.sort })).map(awsKmsResource),
    );
  };
}
