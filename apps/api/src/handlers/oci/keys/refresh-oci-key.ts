import { refreshOciKey as reread } from "@cckm/inventory";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../../context.ts";
import { ApiError } from "../../../http/errors.ts";
import { ociKeyResource } from "./oci-key-resource.ts";
import { findOciKeyConnectionClient } from "./refresh-client.ts";

/**
 * `POST /cckm/oci/keys/{id}/refresh` (seed 002): re-reads the key and its versions from OCI and stores
 * them (one transaction, after both reads succeeded). What polling sees settle. A key OCI no longer
 * knows is a 404 from the domain table; the inventory keeps it until a sync marks it gone.
 */
export function refreshOciKey(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const { key, client } = await findOciKeyConnectionClient(deps, req.params);
    res.locals.audit = { action: "oci-key.refresh", resourceType: "oci_key", resourceId: key.id };
    const stored = await reread(deps.db, client, key);
    if (!stored) throw new ApiError(404, `key ${key.id} left the inventory meanwhile`);
    res.json(ociKeyResource(stored));
  };
}
