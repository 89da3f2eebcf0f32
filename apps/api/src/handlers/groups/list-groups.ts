import { countGroups, type GroupFilter, listGroups as readGroups } from "@cckm/inventory";
import type { RequestHandler } from "express";
import type { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { listQuery, sendList } from "../../http/list.ts";
import { idOrName, queryText, queryUuid } from "../../http/query-types.ts";
import { parse } from "../../http/validate.ts";
import { groupResource } from "./group-resource.ts";

export const query = listQuery(
  {
    id: queryUuid.optional(),
    name: queryText().optional(),
    connection: queryText().optional(),
    cloud_name: queryText().optional(),
    group_id: queryText().optional(),
    application: queryText().optional(),
    tier: queryText().optional(),
    region: queryText().optional(),
    provider: queryText().optional(),
    key_store_name: queryText().optional(),
    creator_name: queryText().optional(),
    tenant: queryText().optional(),
  },
  ["createdAt", "updatedAt", "name", "region"] as const,
);

/** The filter of a group list (docs/cckm-compatibility.md §1.2); `connection` is a name or an id. */
function groupFilter(q: z.infer<typeof query>): GroupFilter {
  return {
    id: q.id,
    name: q.name,
    connection: q.connection ? idOrName(q.connection) : undefined,
    cloudName: q.cloud_name,
    sapGroupId: q.group_id,
    application: q.application,
    tier: q.tier,
    region: q.region,
    provider: q.provider,
    keyStoreName: q.key_store_name,
    creatorName: q.creator_name,
    tenant: q.tenant,
  };
}

/** `GET /cckm/sap/groups`: CipherTrust's filters, by name by default; `limit=-1` streams them all. */
export function listGroups(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const q = parse(query, req.query, "query");
    const filter = groupFilter(q);
    await sendList(
      req,
      res,
      q,
      () => countGroups(deps.db, filter),
      async (skip, take) => (await readGroups(deps.db, filter, { skip, take, sort: q.sort })).map(groupResource),
    );
  };
}
