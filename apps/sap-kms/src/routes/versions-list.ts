import type { TenantRoute } from "../http/tenant-route.ts";
import { queryOptions } from "../odata/query-options.ts";
import { versionView } from "../views.ts";
import { keyFromPath } from "./key-lookup.ts";

/** `GET /kms/v2/keys/{id}/versions` → `{"value": [...]}`, oldest (version 0) first. */
export const versionsList: TenantRoute = {
  id: "versions.list",
  method: "get",
  path: "/keys/:id/versions",
  handle({ req, ctx }) {
    const key = keyFromPath(req, ctx.store);
    const options = queryOptions(req, { filterFields: [] });
    const value = key.versions.slice(options.skip, options.skip + options.top).map((v) => versionView(key, v));
    return { status: 200, body: { value } };
  },
};
