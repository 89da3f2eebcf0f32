import { resourceBase } from "../../http/resource.ts";

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
  connection: { select: { id: true, name: true } },
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
  connection: { id: string; name: string };
}

export function groupResource(row: GroupRow) {
  return {
    ...resourceBase("cckm:sap_group", row),
    name: row.name,
    group_id: row.sapGroupId,
    connection: row.connection.name,
    connection_id: row.connection.id,
    description: row.description,
    region: row.region,
    type: row.groupType,
    sap_param: row.sapMeta ?? {},
  };
}
