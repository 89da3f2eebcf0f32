import { CLOUD_NAME, KIND, resourceBase } from "../../http/resource.ts";
import { tenantOf } from "../keys/key-resource.ts";

export const GROUP_SELECT = {
  id: true,
  sapGroupId: true,
  name: true,
  description: true,
  region: true,
  groupType: true,
  sapMeta: true,
  createdAt: true,
  updatedAt: true,
  connection: { select: { id: true, name: true, tenant: true } },
} as const;

export interface GroupRow {
  id: string;
  sapGroupId: string;
  name: string;
  description: string | null;
  region: string | null;
  groupType: string | null;
  sapMeta: unknown;
  createdAt: Date;
  updatedAt: Date;
  connection: { id: string; name: string; tenant: string | null };
}

const text = (value: unknown) => (typeof value === "string" ? value : null);

/** A SAP group of the inventory as CipherTrust draws one (docs/cckm-compatibility.md §2.2). */
export function groupResource(row: GroupRow) {
  const sap = (row.sapMeta && typeof row.sapMeta === "object" ? row.sapMeta : {}) as Record<string, unknown>;
  return {
    ...resourceBase(KIND.group, row),
    name: row.name,
    group_id: row.sapGroupId,
    cloud_name: CLOUD_NAME,
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
