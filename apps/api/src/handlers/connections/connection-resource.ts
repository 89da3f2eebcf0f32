import type { ConnectionView } from "@cckm/inventory";
import { z } from "zod";
import { connectionBase, connectionBaseShape } from "../../http/connection-base.ts";

export const CONNECTIONS_PATH = "/api/v1/connectionmgmt/services/sap-dc/connections";

/** The answer's schema of a SAP Data Custodian connection (OpenAPI); `connectionResource` is typed by it. */
export const connectionResourceSchema = z.object({
  ...connectionBaseShape,
  service: z.literal("sap-dc"),
  api_endpoint: z.string(),
  technical_user_credentials: z.object({ api_key: z.string() }).meta({ description: "never the secret" }),
  tenant: z.string().nullable(),
  rate_limit_per_second: z
    .number()
    .int()
    .nullable()
    .meta({ description: "requests per second to the tenant over every worker; null: the workers' default" }),
});

export type ConnectionResource = z.output<typeof connectionResourceSchema>;

/**
 * A SAP Data Custodian connection as CipherTrust draws one (docs/cckm-compatibility.md §2.3): the
 * common connection fields, then the SAP ones. The technical user's secret never leaves.
 */
export function connectionResource(row: ConnectionView): ConnectionResource {
  return {
    ...connectionBase(row, CONNECTIONS_PATH),
    service: "sap-dc" as const,
    api_endpoint: row.apiEndpoint,
    technical_user_credentials: { api_key: row.apiKey },
    tenant: row.tenant,
    rate_limit_per_second: row.rateLimitPerSecond,
  };
}
