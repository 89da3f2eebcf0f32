// The fields the CLI reads of the API's resources, and how their tables look.
import type { Column } from "./output.ts";

export interface KeyResource {
  id: string;
  name: string;
  sap_group_name: string;
  connection: string;
  gone: boolean;
  backup: boolean;
  versions: number;
  sap_param: { sap_key_id: string; type: string; size: number | null; exportable: boolean; enabled: boolean };
}

export interface JobResource {
  id: string;
  cckm_key_id: string;
  key_id: string;
  operation: "delete" | "restore";
  state: string;
  createdAt: string;
  updatedAt: string;
  delete_if_backup_fails: boolean;
  backup_status: string;
  error?: string;
  error_code?: string;
}

export const KEY_FILTERS = [
  "id",
  "name",
  "cloud_name",
  "origin",
  "type",
  "size",
  "enabled",
  "exportable",
  "gone",
  "tenant",
  "creator_name",
  "creator_id",
  "sap_application",
  "sap_group_name",
  "totalVersions",
  "backup",
  "sap_key_id",
] as const;

export const keyColumns: Column<KeyResource>[] = [
  { header: "name", value: (k) => k.name },
  { header: "id", value: (k) => k.id },
  { header: "type", value: (k) => `${k.sap_param.type}${k.sap_param.size ? `-${k.sap_param.size}` : ""}` },
  { header: "group", value: (k) => k.sap_group_name },
  { header: "exportable", value: (k) => k.sap_param.exportable },
  { header: "backup", value: (k) => k.backup },
  { header: "gone", value: (k) => k.gone },
];

export const jobColumns: Column<JobResource>[] = [
  { header: "id", value: (j) => j.id },
  { header: "operation", value: (j) => j.operation },
  { header: "state", value: (j) => j.state },
  { header: "key", value: (j) => j.cckm_key_id },
  { header: "error_code", value: (j) => j.error_code ?? "" },
  { header: "updated", value: (j) => j.updatedAt },
];
