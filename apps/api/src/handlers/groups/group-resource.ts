import { type GroupView, sapProvider } from "@cckm/inventory";
import { z } from "zod";
import { resourceBase, resourceBaseShape } from "../../http/resource.ts";
import { tenantOf } from "../keys/key-resource.ts";

const text = (value: unknown) => (typeof value === "string" ? value : null);

/** The answer's schema of a SAP group (OpenAPI); `groupResource` is typed by it. */
export const groupResourceSchema = z.object({
  ...resourceBaseShape,
  name: z.string(),
  group_id: z.string(),
  cloud_name: z.literal(sapProvider.cloud),
  tenant: z.string(),
  sap_application: z.string().nullable(),
  keystore_id: z.string().nullable(),
  connection: z.string(),
  connection_id: z.string(),
  description: z.string().nullable(),
  region: z.string().nullable(),
  type: z.string().nullable(),
  sap_param: z.record(z.string(), z.unknown()),
});

export type GroupResource = z.output<typeof groupResourceSchema>;

/** A SAP group of the inventory as CipherTrust draws one (docs/cckm-compatibility.md §2.2). */
export function groupResource(row: GroupView): GroupResource {
  const sap = (row.sapMeta && typeof row.sapMeta === "object" ? row.sapMeta : {}) as Record<string, unknown>;
  return {
    ...resourceBase(sapProvider.containers.uriKind, row),
    name: row.name,
    group_id: row.sapGroupId,
    cloud_name: sapProvider.cloud,
    tenant: tenantOf(row.connection),
    sap_application: text(sap.application),
    keystore_id: text(sap.keystoreId),
    connection: row.connection.name,
    connection_id: row.connection.id,
    description: row.description,
    region: row.region,
    type: row.groupType,
    sap_param: sap,
  };
}
