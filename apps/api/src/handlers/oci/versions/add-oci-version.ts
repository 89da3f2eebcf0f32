import { recordOciVersion } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../../context.ts";
import { ApiError } from "../../../http/errors.ts";
import { parse } from "../../../http/validate.ts";
import { ociKeyAndClient } from "../keys/find-oci-key.ts";
import { stateRefusal } from "../keys/oci-key-action.ts";
import { ociVersionResource } from "./oci-version-resource.ts";

export const body = z
  .object({
    is_native: z.boolean(),
    source_key_identifier: z.string().min(1).max(256).nullish(),
    source_key_tier: z.enum(["local", "dsm", "hsm-luna"]).nullish(),
    /** Terraform sends it; accepted and not used. */
    rotation_type: z.string().max(64).nullish(),
  })
  .refine((b) => b.is_native || b.source_key_identifier != null, {
    path: ["source_key_identifier"],
    message: "required when is_native is false",
  });

/**
 * `POST /cckm/oci/keys/{id}/versions` (seed 004): `is_native: true` has OCI make the version; the
 * answer is the version as stored, `CREATING` (a refresh shows it ENABLED). Uploads from a key
 * source are refused with a 400 naming the source: not served yet (the `local` source comes later).
 */
export function addOciVersion(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    const { key, client } = await ociKeyAndClient(deps, req.params);
    res.locals.audit = { action: "oci-key.add-version", resourceType: "oci_key", resourceId: key.id };
    if (!input.is_native) {
      const tier = input.source_key_tier ?? "local";
      throw new ApiError(
        400,
        tier === "local"
          ? "body.source_key_tier: uploading a version from the local key source is not served yet; use is_native: true"
          : `body.source_key_tier: no ${tier} key source here`,
      );
    }
    let made: Awaited<ReturnType<typeof client.createKeyVersion>>;
    try {
      made = await client.createKeyVersion(key.vault.managementEndpoint, key.keyOcid);
    } catch (error) {
      throw stateRefusal(error, key, "add a version to");
    }
    const row = await recordOciVersion(deps.db, key.id, made, "native");
    res.status(201).json(ociVersionResource(row));
  };
}
