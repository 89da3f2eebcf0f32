import { countOciConnections, listOciConnections } from "@cckm/inventory";
import type { AppDeps } from "../../../context.ts";
import { listQuery } from "../../../http/list.ts";
import { resourceList } from "../../../http/list-resources.ts";
import { queryText } from "../../../http/query-types.ts";
import { ociConnectionResource } from "./oci-connection-resource.ts";

export const query = listQuery({ name: queryText().optional() }, ["createdAt"] as const);

/** `GET /connectionmgmt/services/oci/connections`: newest first; `limit=-1` streams them all. */
export const OCI_CONNECTION_LIST = resourceList({
  query,
  filter: (q) => ({ name: q.name }),
  count: (deps: AppDeps, filter) => countOciConnections(deps.db, filter),
  read: (deps: AppDeps, filter, page) => listOciConnections(deps.db, filter, page),
  resource: ociConnectionResource,
});
