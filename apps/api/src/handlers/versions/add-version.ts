import { addNativeVersion } from "@cckm/inventory";
import { hasActiveJob } from "@cckm/jobs";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { refused } from "../../http/domain-errors.ts";
import { ApiError } from "../../http/errors.ts";
import { parse } from "../../http/validate.ts";
import { findKeyOr404 } from "../keys/find-key.ts";
import { sapClientOfKey } from "./key-client.ts";
import { versionResource } from "./version-resource.ts";

// The docs' example sends no body at all: a native version.
export const body = z
  .object({
    is_native: z.boolean().optional(),
    source_key_identifier: z.string().min(1).max(512).optional(),
    source_key_tier: z.enum(["local", "dsm", "hsm-luna"]).optional(),
  })
  .optional();

/**
 * `POST /cckm/sap/keys/{id}/versions`: a new native version on SAP, which becomes the primary one;
 * the inventory's version count follows in the same transaction (see addNativeVersion). Uploading a
 * version from a key source (`is_native: false`, `source_key_identifier`) needs CipherTrust's key
 * sources, which this service does not have: a 400 saying so.
 */
export function addVersion(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const key = await findKeyOr404(deps, { id: req.params.id });
    const input = parse(body, req.body, "body") ?? {};
    res.locals.audit = { action: "key.version.create", resourceType: "sap_key", resourceId: key.id };
    if (input.is_native === false || input.source_key_identifier !== undefined) {
      const field = input.source_key_identifier !== undefined ? "source_key_identifier" : "is_native";
      throw new ApiError(
        400,
        `body.${field}: uploading a version from a key source is not served here (no CipherTrust key sources); send is_native: true`,
      );
    }
    const client = await sapClientOfKey(deps, key.id);
    const added = await addNativeVersion(deps.db, key.id, (sapKeyId) => client.createVersion(sapKeyId), hasActiveJob);
    if (added.outcome !== "added") {
      throw refused("addVersion", added.outcome);
    }
    res.locals.audit.detail = { version: added.version.version };
    res.status(201).json(versionResource(await findKeyOr404(deps, { id: key.id }), added.version));
  };
}
