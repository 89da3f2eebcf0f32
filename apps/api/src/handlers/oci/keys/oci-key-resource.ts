import type { OciKeyView } from "@cckm/inventory";
import { z } from "zod";
import { resourceBase, resourceBaseShape } from "../../../http/resource.ts";
import { iso, OCI_CLOUD_NAME, OCI_KIND } from "../oci-kinds.ts";

const object = z.record(z.string(), z.unknown());

export const ociKeyParamsSchema = z.object({
  compartment_id: z.string(),
  current_key_version: z.string().nullable(),
  display_name: z.string(),
  key_id: z.string(),
  algorithm: z.string(),
  length: z.number().int(),
  curve_id: z.string().optional(),
  lifecycle_state: z.string(),
  time_created: z.iso.datetime().nullable(),
  time_of_deletion: z.iso.datetime().optional(),
  vault_name: z.string(),
  defined_tags: object,
  freeform_tags: object,
  protection_mode: z.string().nullable(),
  is_primary: z.boolean(),
});

/** The OCI key resource (contract §1.1, seeds 000 and 002). */
export const ociKeyResourceSchema = z.object({
  ...resourceBaseShape,
  cloud_name: z.literal(OCI_CLOUD_NAME),
  vault_id: z.string().meta({ description: "the CM vault resource id" }),
  tenancy: z.string(),
  region: z.string(),
  key_material_origin: z.string(),
  refreshed_at: z.iso.datetime().nullable(),
  gone: z.boolean(),
  labels: object,
  oci_params: ociKeyParamsSchema,
});

export type OciKeyResource = z.output<typeof ociKeyResourceSchema>;

export function ociKeyResource(row: OciKeyView): OciKeyResource {
  return {
    ...resourceBase(OCI_KIND.key, row),
    cloud_name: OCI_CLOUD_NAME,
    vault_id: row.vaultId,
    tenancy: row.vault.connection.tenancyOcid,
    region: row.vault.region,
    key_material_origin: row.keyMaterialOrigin,
    refreshed_at: iso(row.refreshedAt),
    gone: row.gone,
    labels: {},
    oci_params: {
      compartment_id: row.compartmentId,
      current_key_version: row.currentKeyVersion,
      display_name: row.displayName,
      key_id: row.keyOcid,
      algorithm: row.algorithm,
      length: row.length,
      ...(row.curveId ? { curve_id: row.curveId } : {}),
      lifecycle_state: row.lifecycleState,
      time_created: iso(row.timeCreated),
      ...(row.timeOfDeletion ? { time_of_deletion: row.timeOfDeletion.toISOString() } : {}),
      vault_name: row.vault.displayName,
      defined_tags: row.definedTags as Record<string, unknown>,
      freeform_tags: row.freeformTags as Record<string, unknown>,
      protection_mode: row.protectionMode,
      is_primary: row.isPrimary,
    },
  };
}
