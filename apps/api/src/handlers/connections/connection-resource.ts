import { resourceBase } from "../../http/resource.ts";

export interface ConnectionRow {
  id: string;
  name: string;
  description: string | null;
  apiEndpoint: string;
  apiKey: string;
  lastTestedAt: Date | null;
  lastTestOk: boolean | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A SAP Data Custodian connection as the API shows it: the technical user's secret never leaves. */
export function connectionResource(row: ConnectionRow) {
  return {
    ...resourceBase("connectionmgmt:connections", row),
    name: row.name,
    description: row.description,
    category: "cloud",
    service: "sap-dc",
    products: ["cckm"],
    api_endpoint: row.apiEndpoint,
    technical_user: { api_key: row.apiKey },
    last_connection_ok: row.lastTestOk,
    last_connection_at: row.lastTestedAt?.toISOString() ?? null,
  };
}

/** Everything but the sealed secret. */
export const CONNECTION_FIELDS = {
  id: true,
  name: true,
  description: true,
  apiEndpoint: true,
  apiKey: true,
  lastTestedAt: true,
  lastTestOk: true,
  createdAt: true,
  updatedAt: true,
} as const;
