import { Prisma } from "@cckm/db";
import { createConnection as storeConnection } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
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
import { CONNECTION_FIELDS, connectionResource } from "./connection-resource.ts";
import { checkEndpoint } from "./endpoint-check.ts";

export const body = z
  .object({ name: connectionName, api_endpoint: httpUrl, ...connectionFields })
  .superRefine((b, ctx) => checkTechnicalUser(b, ctx, true));

/**
 * `POST /connectionmgmt/services/sap-dc/connections`: 201. The technical user's secret is sealed at
 * rest and never returned; of `user_credentials` only `tenant` is kept (see decisions, issue 13).
 */
export function createConnection(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    res.locals.audit = { action: "connection.create", resourceType: "sap_connection", detail: { name: input.name } };
    checkEndpoint(deps, input.api_endpoint, "body.api_endpoint");
    const { apiKey, secret } = technicalUserOf(input) as { apiKey: string; secret: string };
    try {
      const row = await storeConnection(deps.db, deps.keyring, {
        name: input.name,
        description: input.description ?? undefined,
        apiEndpoint: storedEndpoint(input.api_endpoint),
        apiKey,
        secret,
        ...attributesOf(input),
      });
      res.locals.audit.resourceId = row.id;
      const view = await deps.db.sapConnection.findUniqueOrThrow({ where: { id: row.id }, select: CONNECTION_FIELDS });
      res.status(201).json(connectionResource(view));
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new ApiError(409, `a connection named ${input.name} already exists`);
      }
      throw error;
    }
  };
}
