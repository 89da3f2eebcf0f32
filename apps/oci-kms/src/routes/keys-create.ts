import { z } from "zod";
import { timing } from "../context.ts";
import { generateMaterial, shapeProblem } from "../crypto/material.ts";
import { notFound, OciApiError } from "../http/errors.ts";
import type { OciRoute } from "../http/oci-route.ts";
import { ok } from "../http/reply.ts";
import { parseBody } from "../http/validate.ts";
import { begin } from "../store/lifecycle.ts";
import { ocid } from "../store/ocids.ts";
import { CURVE_IDS, KEY_ALGORITHMS, type KeyRecord, type KeyVersionRecord } from "../store/records.ts";
import { keyView } from "../views.ts";
import { vaultOf } from "./lookup.ts";
import { ocidField, tagFields } from "./schemas.ts";

const bodySchema = z.object({
  compartmentId: ocidField,
  displayName: z.string().min(1).max(255),
  keyShape: z.object({
    algorithm: z.enum(KEY_ALGORITHMS),
    length: z.number().int(),
    curveId: z.enum(CURVE_IDS).optional(),
  }),
  protectionMode: z.enum(["HSM", "SOFTWARE", "EXTERNAL"]).default("HSM"),
  isAutoRotationEnabled: z.boolean().optional(),
  ...tagFields,
});

/**
 * `POST /20180608/keys` (CreateKeyDetails) → the key, CREATING; it and its first version are
 * ENABLED once settled. OCI's default protection mode is HSM.
 */
export const keysCreate: OciRoute = {
  id: "keys.create",
  method: "post",
  path: "/keys",
  endpoint: "management",
  handle: async (request) => {
    const { req, ctx, caller } = request;
    const vault = vaultOf(request);
    const body = parseBody(bodySchema, req.body);
    if (!ctx.store.hasCompartment(caller.tenancy, body.compartmentId))
      throw notFound(`compartment ${body.compartmentId}`);
    if (body.protectionMode === "EXTERNAL") {
      throw new OciApiError("InvalidParameter", "protectionMode EXTERNAL needs an external vault");
    }
    const problem = shapeProblem(body.keyShape);
    if (problem !== undefined) throw new OciApiError("InvalidParameter", problem);
    if (body.isAutoRotationEnabled) throw new OciApiError("InvalidParameter", "auto rotation is not simulated");
    const now = timing(ctx);
    const created = new Date(now.now).toISOString();
    const keyId = ocid("key", vault.region);
    const version: KeyVersionRecord = {
      id: ocid("keyversion", vault.region),
      keyId,
      vaultId: vault.id,
      compartmentId: body.compartmentId,
      state: "CREATING",
      origin: "INTERNAL",
      timeCreated: created,
      ...(await generateMaterial(body.keyShape)),
    };
    const key: KeyRecord = {
      id: keyId,
      vaultId: vault.id,
      compartmentId: body.compartmentId,
      displayName: body.displayName,
      algorithm: body.keyShape.algorithm,
      length: body.keyShape.length,
      ...(body.keyShape.curveId ? { curveId: body.keyShape.curveId } : {}),
      protectionMode: body.protectionMode,
      state: "CREATING",
      timeCreated: created,
      currentKeyVersion: version.id,
      freeformTags: body.freeformTags ?? {},
      definedTags: body.definedTags ?? {},
      versions: [version],
    };
    begin(key, "CREATING", "ENABLED", now);
    begin(version, "CREATING", "ENABLED", now);
    return ok(keyView(ctx.store.insertKey(key)));
  },
};
