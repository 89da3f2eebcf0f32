import { upsertOciVaults } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../../context.ts";
import { ApiError } from "../../../http/errors.ts";
import { listOf } from "../../../http/list.ts";
import { parse } from "../../../http/validate.ts";
import { storedOciConnectionOr404 } from "../connections/find-oci-connection.ts";
import { ocid, ociRegion, refText } from "../oci-kinds.ts";
import { ociVaultResource, ociVaultResourceSchema } from "./oci-vault-resource.ts";

export const body = z.object({
  connection: refText(64),
  region: ociRegion,
  vault_id: z.array(ocid("vault")).min(1).max(100),
  bucket_name: z.string().max(256).nullish(),
  bucket_namespace: z.string().max(256).nullish(),
});

export const response = listOf(ociVaultResourceSchema);

/**
 * `POST /cckm/oci/add-vaults`: reads each vault from OCI (all must exist) and adds them, without their
 * keys (a synchronization brings those). Adding a vault again keeps its CM id.
 */
export function addOciVaults(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    const connection = await storedOciConnectionOr404(deps, input.connection);
    res.locals.audit = { action: "vaults.add", resourceType: "oci_vault", detail: { vaults: input.vault_id } };
    if (input.region !== connection.region) {
      throw new ApiError(400, `body.region: connection ${connection.name} serves ${connection.region}`);
    }
    const client = deps.ociClients.for(connection);
    const vaults = [];
    for (const id of new Set(input.vault_id)) vaults.push(await client.getVault(id));
    const rows = await upsertOciVaults(deps.db, connection.id, connection.region, vaults);
    const resources = rows.map(ociVaultResource);
    res.json({ skip: 0, limit: resources.length, total: resources.length, resources });
  };
}
