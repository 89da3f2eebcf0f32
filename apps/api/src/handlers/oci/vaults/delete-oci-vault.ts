import { deleteOciVault as removeVault } from "@cckm/inventory";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../../context.ts";
import { findOciVaultOr404 } from "./find-oci-vault.ts";

/** `DELETE /cckm/oci/vaults/{id}`: 204; the vault leaves the inventory with its keys (nothing changes on OCI). */
export function deleteOciVault(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const row = await findOciVaultOr404(deps, req.params);
    res.locals.audit = { action: "vault.delete", resourceType: "oci_vault", resourceId: row.id };
    await removeVault(deps.db, row.id);
    res.status(204).end();
  };
}
