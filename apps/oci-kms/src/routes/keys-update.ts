import { z } from "zod";
import { incorrectState, OciApiError } from "../http/errors.ts";
import type { OciRoute } from "../http/oci-route.ts";
import { ok } from "../http/reply.ts";
import { parseBody } from "../http/validate.ts";
import { keyView } from "../views.ts";
import { keyFromPath } from "./lookup.ts";
import { tagFields } from "./schemas.ts";

const bodySchema = z.object({
  displayName: z.string().min(1).max(255).optional(),
  isAutoRotationEnabled: z.boolean().optional(),
  ...tagFields,
});

/**
 * `PUT /20180608/keys/{keyId}` (UpdateKeyDetails) → the key with its display name and/or tags
 * replaced. OCI: "the key must be in an ENABLED or CREATING state to be updated".
 */
export const keysUpdate: OciRoute = {
  id: "keys.update",
  method: "put",
  path: "/keys/:keyId",
  endpoint: "management",
  handle: (request) => {
    const body = parseBody(bodySchema, request.req.body);
    if (body.isAutoRotationEnabled) throw new OciApiError("InvalidParameter", "auto rotation is not simulated");
    const key = keyFromPath(request);
    if (key.state !== "ENABLED" && key.state !== "CREATING") throw incorrectState("key", key.state, "update");
    if (body.displayName !== undefined) key.displayName = body.displayName;
    if (body.freeformTags !== undefined) key.freeformTags = body.freeformTags;
    if (body.definedTags !== undefined) key.definedTags = body.definedTags;
    request.ctx.store.changed();
    return ok(keyView(key));
  },
};
