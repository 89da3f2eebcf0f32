import type { TenantRoute } from "../http/tenant-route.ts";
import { keyView } from "../views.ts";
import { keyFromPath } from "./key-lookup.ts";

/** `GET /kms/v2/keys/{id}`. */
export const keysGet: TenantRoute = {
  id: "keys.get",
  method: "get",
  path: "/keys/:id",
  handle({ req, ctx }) {
    return { status: 200, body: keyView(ctx.store, keyFromPath(req, ctx.store)) };
  },
};
