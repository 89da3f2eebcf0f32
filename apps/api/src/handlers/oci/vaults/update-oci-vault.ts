import { upsertOciVaults } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../../context.ts";
import { ApiError } from "../../../http/errors.ts";
import { parse } from "../../../http/validate.ts";
import { storedOciConnectionOr404 } from "../connections/find-oci-connection.ts";
import { refText } from "../oci-kinds.ts";
import { findOciVaultOr404 } from "./find-oci-vault.ts";
import { ociVaultResource } from "./oci-vault-resource.ts";

export const body = z.object({
  connection: refText(64).nullish(),
  bucket_name: z.string().max(256).nullish(),
  bucket_namespace: z.string().max(256).nullish(),
});

/**
 * `PATCH /cckm/oci/vaults/{id}` (`{"connection"}`): reaches the vault through that connection (it must
 * see it, in the vault's region) and moves it there, refreshed. Bucket parameters are accepted and not
 * kept (no backups of HSM keys here).
 */
export function updateOciVault(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const vault = await findOciVaultOr404(deps, req.params);
    const input = parse(body, req.body, "body");
    res.locals.audit = { action: "vault.update", resourceType: "oci_vault", resourceId: vault.id };
    if (!input.connection) {
      res.json(ociVaultResource(vault));
      return;
    }
    const connection = await storedOciConnectionOr404(deps, input.connection);
    if (connection.region !== vault.region) {
      throw new ApiError(
        400,
        `body.connection: ${connection.name} serves ${connection.region}, the vault is in ${vault.region}`,
      );
    }
    const fresh = await deps.ociClients.for(connection).getVault(vault.vaultOcid);
    const [row] = await upsertOciVaults(deps.db, connection.id, connection.region, [fresh]);
    res.json(ociVaultResource(row as NonNullable<typeof row>));
  };
}
