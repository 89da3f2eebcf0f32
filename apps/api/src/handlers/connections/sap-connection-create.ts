import { addConnection, type ConnectionView } from "@cckm/inventory";
import { z } from "zod";
import {
  attributesOf,
  checkTechnicalUser,
  connectionFields,
  connectionName,
  httpUrl,
  storedEndpoint,
  technicalUserOf,
} from "./connection-input.ts";
import type { CloudConnectionCreate } from "./create-connection.ts";
import { checkEndpoint } from "./endpoint-check.ts";
import { SAP_CONNECTIONS } from "./sap-connections.ts";

export const body = z
  .object({ name: connectionName, api_endpoint: httpUrl, ...connectionFields })
  .superRefine((b, ctx) => checkTechnicalUser(b, ctx, true));

/**
 * A SAP connection's create: the technical user's secret is sealed at rest and never returned; of
 * `user_credentials` only `tenant` is kept (see decisions, issue 13).
 */
export const SAP_CONNECTION_CREATE: CloudConnectionCreate<z.output<typeof body>, ConnectionView> = {
  connections: SAP_CONNECTIONS,
  body,
  audit: "connection.create",
  async add(deps, input) {
    checkEndpoint(deps, input.api_endpoint, "body.api_endpoint");
    const { apiKey, secret } = technicalUserOf(input) as { apiKey: string; secret: string };
    return addConnection(deps.db, deps.keyring, {
      name: input.name,
      description: input.description ?? undefined,
      apiEndpoint: storedEndpoint(input.api_endpoint),
      apiKey,
      secret,
      ...attributesOf(input),
    });
  },
};
