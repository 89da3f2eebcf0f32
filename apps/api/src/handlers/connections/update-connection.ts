import { updateConnection as storeChanges } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { parse } from "../../http/validate.ts";
import { CONNECTION_FIELDS, connectionResource } from "./connection-resource.ts";
import { httpUrl } from "./create-connection.ts";
import { checkEndpoint } from "./endpoint-check.ts";
import { findConnectionOr404 } from "./find-connection.ts";

export const body = z
  .strictObject({
    description: z.string().max(1024).optional(),
    api_endpoint: httpUrl.optional(),
    technical_user: z
      .strictObject({ api_key: z.string().min(1).max(256), secret: z.string().min(1).max(4096) })
      .optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: "nothing to change" })
  .refine((b) => b.api_endpoint === undefined || b.technical_user !== undefined, {
    // Otherwise the stored secret could be sent to any host an admin names, and read there.
    message: "a new api_endpoint needs the technical_user (api_key and secret) again",
    path: ["technical_user"],
  });

/** `PATCH /connectionmgmt/services/sap-dc/connections/{id}`: description, endpoint or technical user. */
export function updateConnection(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const row = await findConnectionOr404(deps, req.params);
    const input = parse(body, req.body, "body");
    res.locals.audit = {
      action: "connection.update",
      resourceType: "sap_connection",
      resourceId: row.id,
      detail: { fields: Object.keys(input) },
    };
    if (input.api_endpoint !== undefined) checkEndpoint(deps, input.api_endpoint, "body.api_endpoint");
    await storeChanges(deps.db, deps.keyring, row.id, {
      description: input.description,
      apiEndpoint: input.api_endpoint?.replace(/\/+$/, ""),
      apiKey: input.technical_user?.api_key,
      secret: input.technical_user?.secret,
    });
    const view = await deps.db.sapConnection.findUniqueOrThrow({ where: { id: row.id }, select: CONNECTION_FIELDS });
    res.json(connectionResource(view));
  };
}
