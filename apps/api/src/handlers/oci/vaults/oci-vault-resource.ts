import type { OciVaultView } from "@cckm/inventory";
import { z } from "zod";
import { resourceBase, resourceBaseShape } from "../../../http/resource.ts";
import { iso, OCI_CLOUD_NAME, OCI_KIND } from "../oci-kinds.ts";

const object = z.record(z.string(), z.unknown());

export const ociVaultResourceSchema = z.object({
  ...resourceBaseShape,
  compartment_id: z.string(),
  display_name: z.string(),
  vault_id: z.string().meta({ description: "the vault's OCID" }),
  lifecycle_state: z.string(),
  management_endpoint: z.string(),
  time_created: z.iso.datetime().nullable(),
  cloud_name: z.literal(OCI_CLOUD_NAME),
  connection: z.string(),
  vault_type: z.string(),
  freeform_tags: object,
  defined_tags: object,
  refreshed_at: z.iso.datetime().nullable(),
  tenancy: z.string(),
  region: z.string(),
});

export type OciVaultResource = z.output<typeof ociVaultResourceSchema>;

/** An OCI vault as CipherTrust draws one (contract §1.4). */
export function ociVaultResource(row: OciVaultView): OciVaultResource {
  return {
    ...resourceBase(OCI_KIND.vault, row),
    compartment_id: row.compartmentId,
    display_name: row.displayName,
    vault_id: row.vaultOcid,
    lifecycle_state: row.lifecycleState,
    management_endpoint: row.managementEndpoint,
    time_created: iso(row.timeCreated),
    cloud_name: OCI_CLOUD_NAME,
    connection: row.connection.name,
    vault_type: row.vaultType,
    freeform_tags: row.freeformTags as Record<string, unknown>,
    defined_tags: row.definedTags as Record<string, unknown>,
    refreshed_at: iso(row.refreshedAt),
    tenancy: row.connection.tenancyOcid,
    region: row.region,
  };
}
