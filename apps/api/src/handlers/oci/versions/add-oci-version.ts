import { findLocalKey, recordOciVersion, uploadLocalKeyVersion } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../../context.ts";
import { ApiError } from "../../../http/errors.ts";
import { parse } from "../../../http/validate.ts";
import { ociKeyAndClient } from "../keys/find-oci-key.ts";
import { stateRefusal } from "../keys/oci-key-action.ts";
import { refText } from "../oci-kinds.ts";
import { ociVersionResource } from "./oci-version-resource.ts";

export const body = z
  .object({
    is_native: z.boolean(),
    source_key_identifier: refText(256).nullish(),
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
 * answer is the version as stored, `CREATING` (a refresh shows it ENABLED). `is_native: false` uploads
 * a local key's material (`/vault/keys2`, by id or name), wrapped under the vault's wrapping key;
 * the `dsm` and `hsm-luna` sources are a 400: no such key source here.
 */
export function addOciVersion(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    const { key, client } = await ociKeyAndClient(deps, req.params);
    res.locals.audit = { action: "oci-key.add-version", resourceType: "oci_key", resourceId: key.id };
    if (!input.is_native) {
      const tier = input.source_key_tier ?? "local";
      if (tier !== "local") throw new ApiError(400, `body.source_key_tier: no ${tier} key source here (only local)`);
      const ref = input.source_key_identifier as string;
      const local = await findLocalKey(deps.db, ref);
      if (!local) throw new ApiError(404, `body.source_key_identifier: local key ${ref} not found`);
      const row = await uploadLocalKeyVersion(deps.db, deps.keyring, client, key, local, async (upload) => {
        try {
          return await upload();
        } catch (error) {
          throw stateRefusal(error, key, "upload a version to");
        }
      });
      res.status(201).json(ociVersionResource(row, local));
      return;
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
