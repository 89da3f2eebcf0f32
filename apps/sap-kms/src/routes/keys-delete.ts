import type { TenantRoute } from "../http/tenant-route.ts";
import { keyFromPath } from "./key-lookup.ts";

/** `DELETE /kms/v2/keys/{id}` → 204; the key and every version are gone (a second call is a 404). */
export const keysDelete: TenantRoute = {
  id: "keys.delete",
  method: "delete",
  path: "/keys/:id",
  handle({ req, ctx }) {
    ctx.store.deleteKey(keyFromPath(req, ctx.store).id);
    return { status: 204 };
  },
};
