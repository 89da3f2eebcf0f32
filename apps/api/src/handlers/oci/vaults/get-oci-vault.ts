import type { RequestHandler } from "express";
import type { AppDeps } from "../../../context.ts";
import { findOciVaultOr404 } from "./find-oci-vault.ts";
import { ociVaultResource } from "./oci-vault-resource.ts";

/** `GET /cckm/oci/vaults/{id}`. */
export function getOciVault(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    res.json(ociVaultResource(await findOciVaultOr404(deps, req.params)));
  };
}
