import { addConnection } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { parse } from "../../http/validate.ts";
import {
  attributesOf,
  checkTechnicalUser,
  connectionFields,
  connectionName,
  httpUrl,
  storedEndpoint,
  technicalUserOf,
} from "./connection-input.ts";
import { connectionResource } from "./connection-resource.ts";
import { checkEndpoint } from "./endpoint-check.ts";

export const body = z
  .object({ name: connectionName, api_endpoint: httpUrl, ...connectionFields })
  .superRefine((b, ctx) => checkTechnicalUser(b, ctx, true));

/**
 * `POST /connectionmgmt/services/sap-dc/connections`: 201. The technical user's secret is sealed at
 * rest and never returned; of `user_credentials` only `tenant` is kept (see decisions, issue 13). A
 * name taken is a 409 (CONNECTION_NAME_TAKEN).
 */
export function createConnection(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    res.locals.audit = { action: "connection.create", resourceType: "sap_connection", detail: { name: input.name } };
    checkEndpoint(deps, input.api_endpoint, "body.api_endpoint");
    const { apiKey, secret } = technicalUserOf(input) as { apiKey: string; secret: string };
    const view = await addConnection(deps.db, deps.keyring, {
      name: input.name,
      description: input.description ?? undefined,
      apiEndpoint: storedEndpoint(input.api_endpoint),
      apiKey,
      secret,
      ...attributesOf(input),
    });
    res.locals.audit.resourceId = view.id;
    res.status(201).json(connectionResource(view));
  };
}
