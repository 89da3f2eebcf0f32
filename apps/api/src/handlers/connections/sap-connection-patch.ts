import { type ConnectionView, changeConnection } from "@cckm/inventory";
import { z } from "zod";
import {
  attributesOf,
  checkTechnicalUser,
  connectionFields,
  httpUrl,
  storedEndpoint,
  technicalUserOf,
} from "./connection-input.ts";
import { checkEndpoint } from "./endpoint-check.ts";
import { SAP_CONNECTIONS } from "./sap-connections.ts";
import type { CloudConnectionPatch } from "./update-connection.ts";

/** Create's fields minus `name` (ignored if sent), all optional; `null` or `{}` leaves a field unchanged. */
export const body = z
  .object({ api_endpoint: httpUrl.nullish(), ...connectionFields })
  .superRefine((b, ctx) => checkTechnicalUser(b, ctx, false))
  .refine((b) => b.api_endpoint == null || technicalUserOf(b).secret !== undefined, {
    // Otherwise the stored secret could be sent to any host an admin names, and read there.
    message: "a new api_endpoint needs the technical user's secret again",
    path: ["technical_user_credentials", "secret"],
  });

/** A SAP connection's patch: a new secret (or a new endpoint, which needs it) is sealed afresh. */
export const SAP_CONNECTION_PATCH: CloudConnectionPatch<z.output<typeof body>, object, ConnectionView> = {
  connections: SAP_CONNECTIONS,
  body,
  audit: "connection.update",
  changes(deps, input) {
    if (input.api_endpoint != null) checkEndpoint(deps, input.api_endpoint, "body.api_endpoint");
    const { apiKey, secret } = technicalUserOf(input);
    return {
      ...(input.description != null ? { description: input.description } : {}),
      ...(input.api_endpoint != null ? { apiEndpoint: storedEndpoint(input.api_endpoint) } : {}),
      ...(apiKey !== undefined ? { apiKey } : {}),
      ...(secret !== undefined ? { secret } : {}),
      ...attributesOf(input),
    };
  },
  apply: (deps, id, changes) => changeConnection(deps.db, deps.keyring, id, changes),
};
