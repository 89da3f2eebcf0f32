import { Prisma } from "@cckm/db";
import { createConnection as storeConnection } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { parse } from "../../http/validate.ts";
import { CONNECTION_FIELDS, connectionResource } from "./connection-resource.ts";
import { checkEndpoint } from "./endpoint-check.ts";

export const connectionName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/, "1 to 64 letters, digits, spaces or . _ -");

export const httpUrl = z
  .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
  .max(2048)
  .refine((v) => !new URL(v).username && !new URL(v).password, "must not carry credentials");

export const body = z.strictObject({
  name: connectionName,
  description: z.string().max(1024).optional(),
  products: z.array(z.literal("cckm")).max(1).optional(),
  api_endpoint: httpUrl,
  technical_user: z.strictObject({
    api_key: z.string().min(1).max(256),
    secret: z.string().min(1).max(4096),
  }),
});

/** `POST /connectionmgmt/services/sap-dc/connections`: 201; the secret is sealed at rest and never returned. */
export function createConnection(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    res.locals.audit = { action: "connection.create", resourceType: "sap_connection", detail: { name: input.name } };
    checkEndpoint(deps, input.api_endpoint, "body.api_endpoint");
    try {
      const row = await storeConnection(deps.db, deps.keyring, {
        name: input.name,
        description: input.description,
        apiEndpoint: input.api_endpoint.replace(/\/+$/, ""),
        apiKey: input.technical_user.api_key,
        secret: input.technical_user.secret,
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
