import type { ConnectionView } from "@cckm/inventory";
import { z } from "zod";
import { KIND, resourceBase, resourceBaseShape } from "../../http/resource.ts";

export const CONNECTIONS_PATH = "/api/v1/connectionmgmt/services/sap-dc/connections";

const objectOr = (value: unknown) => (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
const object = z.record(z.string(), z.unknown());

/** The answer's schema of a SAP Data Custodian connection (OpenAPI); `connectionResource` is typed by it. */
export const connectionResourceSchema = z.object({
  ...resourceBaseShape,
  name: z.string(),
  description: z.string().nullable(),
  category: z.literal("cloud"),
  service: z.literal("sap-dc"),
  products: z.array(z.string()),
  resource_url: z.string(),
  meta: object,
  labels: object,
  last_connection_ok: z.boolean().nullable(),
  last_connection_error: z.string(),
  last_connection_at: z.iso.datetime().nullable(),
  api_endpoint: z.string(),
  technical_user_credentials: z.object({ api_key: z.string() }).meta({ description: "never the secret" }),
  tenant: z.string().nullable(),
});

export type ConnectionResource = z.output<typeof connectionResourceSchema>;

/**
 * A SAP Data Custodian connection as CipherTrust draws one (docs/cckm-compatibility.md §2.3): the
 * common connection fields, then the SAP ones. The technical user's secret never leaves.
 */
export function connectionResource(row: ConnectionView): ConnectionResource {
  return {
    ...resourceBase(KIND.connection, row, row.name),
    name: row.name,
    description: row.description,
    category: "cloud" as const,
    service: "sap-dc" as const,
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
