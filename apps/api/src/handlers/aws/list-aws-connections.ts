import { countAwsConnections, listAwsConnections } from "@cckm/inventory";
import type { AppDeps } from "../../context.ts";
import { listQuery } from "../../http/list.ts";
import { resourceList } from "../../http/list-resources.ts";
import { queryText, queryUuid } from "../../http/query-types.ts";
import { awsConnectionResource } from "./aws-connection-resource.ts";

export const query = listQuery({ id: queryUuid.optional(), name: queryText().optional() }, [
  "createdAt",
  "updatedAt",
  "name",
] as const);

/** `GET /connectionmgmt/services/aws/connections`: newest first by default; `limit=-1` streams them all. */
export const AWS_CONNECTION_LIST = resourceList({
  query,
  filter: (q) => ({ id: q.id, name: q.name }),
  count: (deps: AppDeps, filter) => countAwsConnections(deps.db, filter),
  read: (deps: AppDeps, filter, page) => listAwsConnections(deps.db, filter, page),
  resource: awsConnectionResource,
});
