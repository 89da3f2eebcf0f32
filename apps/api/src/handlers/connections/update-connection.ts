import { changeConnection } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { parse } from "../../http/validate.ts";
import {
  attributesOf,
  checkTechnicalUser,
  connectionFields,
  httpUrl,
  storedEndpoint,
  technicalUserOf,
} from "./connection-input.ts";
import { connectionResource } from "./connection-resource.ts";
import { checkEndpoint } from "./endpoint-check.ts";
import { findConnectionOr404 } from "./find-connection.ts";

/** Create's fields minus `name` (ignored if sent), all optional; `null` or `{}` leaves a field unchanged. */
export const body = z
  .object({ api_endpoint: httpUrl.nullish(), ...connectionFields })
  .superRefine((b, ctx) => checkTechnicalUser(b, ctx, false))
  .refine((b) => b.api_endpoint == null || technicalUserOf(b).secret !== undefined, {
    // Otherwise the stored secret could be sent to any host an admin names, and read there.
    message: "a new api_endpoint needs the technical user's secret again",
    path: ["technical_user_credentials", "secret"],
  });

/** `PATCH /connectionmgmt/services/sap-dc/connections/{id}`: 200 with the connection, changed or not. */
export function updateConnection(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const row = await findConnectionOr404(deps, req.params);
    const input = parse(body, req.body ?? {}, "body");
    const { apiKey, secret } = technicalUserOf(input);
    const changes = {
      ...(input.description != null ? { description: input.description } : {}),
      ...(input.api_endpoint != null ? { apiEndpoint: storedEndpoint(input.api_endpoint) } : {}),
      ...(apiKey !== undefined ? { apiKey } : {}),
      ...(secret !== undefined ? { secret } : {}),
      ...attributesOf(input),
    };
    res.locals.audit = {
      action: "connection.update",
      resourceType: "sap_connection",
      resourceId: row.id,
      detail: { fields: Object.keys(changes) },
    };
    if (input.api_endpoint != null) checkEndpoint(deps, input.api_endpoint, "body.api_endpoint");
    if (Object.keys(changes).length === 0) {
      res.json(connectionResource(row));
      return;
    }
    res.json(connectionResource(await changeConnection(deps.db, deps.keyring, row.id, changes)));
  };
}
