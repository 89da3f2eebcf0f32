import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { parse } from "../../http/validate.ts";
import { checkTechnicalUser, connectionFields, httpUrl, storedEndpoint, technicalUserOf } from "./connection-input.ts";
import { probeConnection } from "./connection-probe.ts";
import { checkEndpoint } from "./endpoint-check.ts";

/** The create body; `name` is not needed (PowerShell sends `name: null`) and ignored. */
export const body = z
  .object({ api_endpoint: httpUrl, ...connectionFields })
  .superRefine((b, ctx) => checkTechnicalUser(b, ctx, true));

/**
 * `POST /connectionmgmt/services/sap-dc/connection-test`: signs in to SAP with the parameters of a
 * connection not created yet and answers like `…/connections/{id}/test` (`{connection_ok, message}`).
 * Persists nothing.
 */
export function testConnectionParameters(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    res.locals.audit = { action: "connection.test_parameters", resourceType: "sap_connection" };
    checkEndpoint(deps, input.api_endpoint, "body.api_endpoint");
    const { apiKey, secret } = technicalUserOf(input) as { apiKey: string; secret: string };
    const client = deps.sapClients.withCredentials({ apiEndpoint: storedEndpoint(input.api_endpoint), apiKey, secret });
    const outcome = await probeConnection(client, "body.api_endpoint");
    res.locals.audit.detail = { connection_ok: outcome.connection_ok };
    res.json(outcome);
  };
}
