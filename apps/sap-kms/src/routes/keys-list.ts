import type { TenantRoute } from "../http/tenant-route.ts";
import { matchesFilter } from "../odata/filter.ts";
import { queryOptions } from "../odata/query-options.ts";
import { keyView } from "../views.ts";

const FILTER_FIELDS = ["id", "name", "groupId", "type", "size", "enabled", "exportable", "role", "state"] as const;

/** `GET /kms/v2/keys` with `$filter` (e.g. `groupId eq '...'`), `$top`, `$skip`. */
export const keysList: TenantRoute = {
  id: "keys.list",
  method: "get",
  path: "/keys",
  handle({ req, ctx }) {
    const options = queryOptions(req, { filterFields: FILTER_FIELDS });
    const value = ctx.store
      .listKeys()
      .filter((k) =>
        matchesFilter(
          {
            id: k.id,
            name: k.name,
            groupId: k.groupId,
            type: k.type,
            size: k.size,
            enabled: k.enabled,
            exportable: k.exportable,
            role: k.role,
            state: k.enabled ? "ENABLED" : "DISABLED",
          },
          options.filter,
        ),
      )
      .slice(options.skip, options.skip + options.top)
      .map((k) => keyView(ctx.store, k));
    return { status: 200, body: { value } };
  },
};
