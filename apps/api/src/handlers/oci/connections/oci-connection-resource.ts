import type { OciConnectionView } from "@cckm/inventory";
import { z } from "zod";
import { resourceBase, resourceBaseShape } from "../../../http/resource.ts";
import { OCI_KIND } from "../oci-kinds.ts";

export const OCI_CONNECTIONS_PATH = "/api/v1/connectionmgmt/services/oci/connections";

const object = z.record(z.string(), z.unknown());
const objectOr = (v: unknown) => (v && typeof v === "object" ? v : {}) as Record<string, unknown>;

export const ociConnectionResourceSchema = z.object({
  ...resourceBaseShape,
  name: z.string(),
  description: z.string().nullable(),
  category: z.literal("cloud"),
  service: z.literal("oci"),
  products: z.array(z.string()),
  resource_url: z.string(),
  meta: object,
  labels: object,
  last_connection_ok: z.boolean().nullable(),
  last_connection_error: z.string(),
  last_connection_at: z.iso.datetime().nullable(),
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
    ...resourceBase(OCI_KIND.connection, row, row.name),
    name: row.name,
    description: row.description,
    category: "cloud" as const,
    service: "oci" as const,
    products: ["cckm"],
    resource_url: `${OCI_CONNECTIONS_PATH}/${row.id}`,
    meta: objectOr(row.meta),
    labels: objectOr(row.labels),
    last_connection_ok: row.lastTestOk,
    last_connection_error: row.lastTestError ?? "",
    last_connection_at: row.lastTestedAt?.toISOString() ?? null,
    tenancy_ocid: row.tenancyOcid,
    user_ocid: row.userOcid,
    fingerprint: row.fingerprint,
    region: row.region,
    kms_endpoint: row.endpoint,
  };
}
