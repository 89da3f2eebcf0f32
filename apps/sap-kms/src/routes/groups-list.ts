import type { TenantRoute } from "../http/tenant-route.ts";
import { matchesFilter } from "../odata/filter.ts";
import { queryOptions } from "../odata/query-options.ts";
import { groupView } from "../views.ts";

/** `GET /kms/v2/groups` with `$filter` (id, name, keystoreId), `$top`, `$skip`, `$expand=keystore`. */
export const groupsList: TenantRoute = {
  id: "groups.list",
  method: "get",
  path: "/groups",
  handle({ req, ctx }) {
    const options = queryOptions(req, { filterFields: ["id", "name", "keystoreId"], expand: ["keystore"] });
    const value = ctx.store
      .listGroups()
      .filter((g) => matchesFilter({ id: g.id, name: g.name, keystoreId: g.keystoreId }, options.filter))
      .slice(options.skip, options.skip + options.top)
      .map((g) => groupView(ctx.store, g, options.expand.includes("keystore")));
    return { status: 200, body: { value } };
  },
};
