import type { OciVersionView } from "@cckm/inventory";
import { z } from "zod";
import { resourceBase, resourceBaseShape } from "../../../http/resource.ts";
import { iso, OCI_CLOUD_NAME, OCI_KIND } from "../oci-kinds.ts";

/** The OCI key version resource (contract §1.3, seed 004). */
export const ociVersionResourceSchema = z.object({
  ...resourceBaseShape,
  key_material_origin: z.string(),
  gone: z.boolean(),
  cloud_name: z.literal(OCI_CLOUD_NAME),
  refreshed_at: z.iso.datetime().nullable(),
  source_key_identifier: z.string().optional(),
  source_key_name: z.string().optional(),
  source_key_tier: z.string().optional(),
  oci_key_version_params: z.object({
    compartment_id: z.string(),
    version_id: z.string(),
    key_id: z.string(),
    time_created: z.iso.datetime().nullable(),
    vault_id: z.string().meta({ description: "the vault's OCID (unlike the key's vault_id)" }),
    lifecycle_state: z.string().nullable(),
    origin: z.string().nullable(),
    is_primary: z.boolean(),
    time_of_deletion: z.iso.datetime().optional(),
    public_key: z.string().optional(),
  }),
});

export type OciVersionResource = z.output<typeof ociVersionResourceSchema>;

/** `source`: the local key an upload came from (known to the upload's answer). */
export function ociVersionResource(row: OciVersionView, source?: { id: string; name: string }): OciVersionResource {
  return {
    ...resourceBase(OCI_KIND.version, row),
    key_material_origin: row.keyMaterialOrigin,
    gone: row.gone,
    cloud_name: OCI_CLOUD_NAME,
    refreshed_at: iso(row.refreshedAt),
    ...(source ? { source_key_identifier: source.id, source_key_name: source.name, source_key_tier: "local" } : {}),
    oci_key_version_params: {
      compartment_id: row.compartmentId,
      version_id: row.versionOcid,
      key_id: row.key.keyOcid,
      time_created: iso(row.timeCreated),
      vault_id: row.vaultOcid,
      lifecycle_state: row.lifecycleState,
      origin: row.origin,
      is_primary: row.isPrimary,
      ...(row.timeOfDeletion ? { time_of_deletion: row.timeOfDeletion.toISOString() } : {}),
      ...(row.publicKey ? { public_key: row.publicKey } : {}),
    },
  };
}
