import { z } from "zod";
import { timing } from "../context.ts";
import { generateMaterial, importedMaterial, type Material } from "../crypto/material.ts";
import { unwrapMaterial, WRAPPING_ALGORITHMS } from "../crypto/unwrap.ts";
import { wrappingKeyPair } from "../crypto/wrapping-key.ts";
import { incorrectState, OciApiError } from "../http/errors.ts";
import type { OciRequest, OciRoute } from "../http/oci-route.ts";
import { ok } from "../http/reply.ts";
import { parseBody } from "../http/validate.ts";
import { startNewVersion } from "../store/lifecycle.ts";
import { ocid } from "../store/ocids.ts";
import type { KeyRecord } from "../store/records.ts";
import { keyVersionView } from "../views.ts";
import { keyFromPath, vaultOf } from "./lookup.ts";
import { tagFields } from "./schemas.ts";

/** Adds a version with `material` to the key: CREATING, then ENABLED and current once settled. */
function addVersion(request: OciRequest, key: KeyRecord, material: Material, origin: "INTERNAL" | "EXTERNAL") {
  const vault = vaultOf(request);
  const now = timing(request.ctx);
  const version = {
    id: ocid("keyversion", vault.region),
    keyId: key.id,
    vaultId: vault.id,
    compartmentId: key.compartmentId,
    state: "CREATING" as const,
    origin,
    timeCreated: new Date(now.now).toISOString(),
    ...material,
  };
  startNewVersion(key, version, now);
  request.ctx.store.changed();
  return ok(keyVersionView(version));
}

const createSchema = z.object({ externalKeyVersionId: z.string().max(255).optional() });

/** `POST /20180608/keys/{keyId}/keyVersions` → a new version made here (rotation); the key must be ENABLED. */
export const versionsCreate: OciRoute = {
  id: "versions.create",
  method: "post",
  path: "/keys/:keyId/keyVersions",
  endpoint: "management",
  handle: async (request) => {
    const body = parseBody(createSchema, request.req.body ?? {});
    if (body.externalKeyVersionId !== undefined) {
      throw new OciApiError("InvalidParameter", "externalKeyVersionId needs an external vault");
    }
    const key = keyFromPath(request);
    if (key.state !== "ENABLED") throw incorrectState("key", key.state, "create a key version");
    const material = await generateMaterial(key);
    return addVersion(request, keyFromPath(request), material, "INTERNAL");
  },
};

const importSchema = z.object({
  wrappedImportKey: z.object({
    keyMaterial: z.base64().min(1).max(20_000),
    wrappingAlgorithm: z.enum(WRAPPING_ALGORITHMS),
  }),
  ...tagFields,
});

/**
 * `POST /20180608/keys/{keyId}/keyVersions/import` (ImportKeyVersionDetails) → a new version from
 * material wrapped under the vault's wrapping key: AES bytes of the key's length, or an RSA PKCS#8
 * private key of its modulus. Material that does not unwrap or fit is 400 InvalidParameter.
 */
export const versionsImport: OciRoute = {
  id: "versions.import",
  method: "post",
  path: "/keys/:keyId/keyVersions/import",
  endpoint: "management",
  handle: async (request) => {
    const { wrappedImportKey } = parseBody(importSchema, request.req.body);
    const key = keyFromPath(request);
    if (key.state !== "ENABLED") throw incorrectState("key", key.state, "import a key version");
    const { privateKeyPem } = await wrappingKeyPair(request.ctx, vaultOf(request));
    let unwrapped: Buffer;
    try {
      const wrapped = Buffer.from(wrappedImportKey.keyMaterial, "base64");
      unwrapped = unwrapMaterial(privateKeyPem, wrappedImportKey.wrappingAlgorithm, wrapped);
    } catch {
      throw new OciApiError("InvalidParameter", "keyMaterial does not unwrap with the vault's wrapping key");
    }
    const material = importedMaterial(key, unwrapped);
    if (typeof material === "string") throw new OciApiError("InvalidParameter", material);
    return addVersion(request, keyFromPath(request), material, "EXTERNAL");
  },
};
