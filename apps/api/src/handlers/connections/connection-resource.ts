import { KIND, resourceBase } from "../../http/resource.ts";

export interface ConnectionRow {
  id: string;
  name: string;
  description: string | null;
  apiEndpoint: string;
  apiKey: string;
  tenant: string | null;
  meta: unknown;
  labels: unknown;
  lastTestedAt: Date | null;
  lastTestOk: boolean | null;
  lastTestError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const CONNECTIONS_PATH = "/api/v1/connectionmgmt/services/sap-dc/connections";

const objectOr = (value: unknown) => (value && typeof value === "object" ? value : {});

/**
 * A SAP Data Custodian connection as CipherTrust draws one (docs/cckm-compatibility.md §2.3): the
 * common connection fields, then the SAP ones. The technical user's secret never leaves.
 */
export function connectionResource(row: ConnectionRow) {
  return {
    ...resourceBase(KIND.connection, row, row.name),
    name: row.name,
    description: row.description,
    category: "cloud",
    service: "sap-dc",
    products: ["cckm"],
    resource_url: `${CONNECTIONS_PATH}/${row.id}`,
    meta: objectOr(row.meta),
    labels: objectOr(row.labels),
    last_connection_ok: row.lastTestOk,
    last_connection_error: row.lastTestError ?? "",
    last_connection_at: row.lastTestedAt?.toISOString() ?? null,
    api_endpoint: row.apiEndpoint,
    technical_user_credentials: { api_key: row.apiKey },
    tenant: row.tenant,
  };
}

/** Everything but the sealed secret. */
export const CONNECTION_FIELDS = {
  id: true,
  name: true,
  description: true,
  apiEndpoint: true,
  apiKey: true,
  tenant: true,
  meta: true,
  labels: true,
  lastTestedAt: true,
  lastTestOk: true,
  lastTestError: true,
  createdAt: true,
  updatedAt: true,
} as const;
