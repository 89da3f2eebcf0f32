import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../../context.ts";
import { ApiError } from "../../../http/errors.ts";
import { parse } from "../../../http/validate.ts";
import { storedOciConnectionOr404 } from "../connections/find-oci-connection.ts";
import { ocid, ociRegion, refText } from "../oci-kinds.ts";

export const body = z.object({
  connection: refText(64),
  compartment_id: z.union([ocid("tenancy"), ocid("compartment")]),
  region: ociRegion.nullish(),
  limit: z.number().int().min(1).max(1000).nullish(),
});

const ociVault = z.object({
  compartment_id: z.string(),
  display_name: z.string(),
  vault_id: z.string(),
  lifecycleState: z.string(),
  management_endpoint: z.string(),
  time_created: z.string(),
  vault_type: z.string(),
  freeformTags: z.record(z.string(), z.unknown()),
  definedTags: z.record(z.string(), z.unknown()),
});

export const response = z.object({ data: z.array(ociVault) });

/**
 * `POST /cckm/oci/get-vaults`: the vaults OCI has in the compartment, in the connection's region (OCI's
 * own list, camelCase where CipherTrust passes OCI's fields through). Adds nothing.
 */
export function getOciVaults(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    const connection = await storedOciConnectionOr404(deps, input.connection);
    if (input.region && input.region !== connection.region) {
      throw new ApiError(400, `body.region: connection ${connection.name} serves ${connection.region}`);
    }
    const vaults = await deps.ociClients.for(connection).listVaults(input.compartment_id);
    const data = vaults.slice(0, input.limit ?? vaults.length).map((v) => ({
      compartment_id: v.compartmentId,
      display_name: v.displayName,
      vault_id: v.id,
      lifecycleState: v.lifecycleState,
      management_endpoint: v.managementEndpoint,
      time_created: v.timeCreated,
      vault_type: v.vaultType,
      freeformTags: v.freeformTags,
      definedTags: v.definedTags,
    }));
    res.json({ data } satisfies z.output<typeof response>);
  };
}
