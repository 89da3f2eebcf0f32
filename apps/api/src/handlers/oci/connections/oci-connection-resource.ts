import type { OciConnectionView } from "@cckm/inventory";
import { z } from "zod";
import { connectionBase, connectionBaseShape } from "../../../http/connection-base.ts";

export const OCI_CONNECTIONS_PATH = "/api/v1/connectionmgmt/services/oci/connections";

export const ociConnectionResourceSchema = z.object({
  ...connectionBaseShape,
  service: z.literal("oci"),
  tenancy_ocid: z.string(),
  user_ocid: z.string(),
  fingerprint: z.string(),
  region: z.string(),
  kms_endpoint: z.string().nullable().meta({ description: "ours" }),
});

export type OciConnectionResource = z.output<typeof ociConnectionResourceSchema>;

/** An OCI connection as CipherTrust draws one; the private key and passphrase never leave. */
export function ociConnectionResource(row: OciConnectionView): OciConnectionResource {
  return {
    ...connectionBase(row, OCI_CONNECTIONS_PATH),
    service: "oci" as const,
    tenancy_ocid: row.tenancyOcid,
    user_ocid: row.userOcid,
    fingerprint: row.fingerprint,
    region: row.region,
    kms_endpoint: row.endpoint,
  };
}
