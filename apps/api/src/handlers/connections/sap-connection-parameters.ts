import { z } from "zod";
import { checkTechnicalUser, connectionFields, httpUrl, storedEndpoint, technicalUserOf } from "./connection-input.ts";
import { probeConnection } from "./connection-probe.ts";
import { checkEndpoint } from "./endpoint-check.ts";
import { SAP_CONNECTIONS } from "./sap-connections.ts";
import type { CloudParametersTest } from "./test-connection-parameters.ts";

/** The create body; `name` is not needed (PowerShell sends `name: null`) and ignored. */
export const body = z
  .object({ api_endpoint: httpUrl, ...connectionFields })
  .superRefine((b, ctx) => checkTechnicalUser(b, ctx, true));

/** SAP's `connection-test`: a fresh token with the technical user, then one group. */
export const SAP_CONNECTION_PARAMETERS: CloudParametersTest<z.output<typeof body>> = {
  connections: SAP_CONNECTIONS,
  body,
  audit: "connection.test_parameters",
  probe(deps, input) {
    checkEndpoint(deps, input.api_endpoint, "body.api_endpoint");
    const { apiKey, secret } = technicalUserOf(input) as { apiKey: string; secret: string };
    const client = deps.sapClients.withCredentials({ apiEndpoint: storedEndpoint(input.api_endpoint), apiKey, secret });
    return probeConnection(client, "body.api_endpoint");
  },
};
