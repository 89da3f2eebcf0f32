import type { RequestHandler } from "express";
import type { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { parse } from "../../http/validate.ts";
import type { CloudConnections } from "./cloud-connections.ts";
import type { ProbeOutcome } from "./connection-probe.ts";

/** A cloud's test of connection parameters: its body (create's, `name` not needed) and its probe. */
export interface CloudParametersTest<Body> {
  connections: Pick<CloudConnections<{ id: string }, { id: string }>, "audit">;
  body: z.ZodType<Body>;
  audit: string;
  /** Checks the endpoint policy (a 400, nothing sent), then makes the cloud's signed call. */
  probe(deps: AppDeps, input: Body): Promise<ProbeOutcome>;
}

/**
 * `POST /connectionmgmt/services/<service>/connection-test`, every cloud's: signs in with the
 * parameters of a connection not created yet and answers like `…/connections/{id}/test`
 * (`{connection_ok, message}`). Persists nothing.
 */
export function testConnectionParameters<B>(deps: AppDeps, test: CloudParametersTest<B>): RequestHandler {
  return async (req, res) => {
    const input = parse(test.body, req.body, "body");
    res.locals.audit = { action: test.audit, resourceType: test.connections.audit.resourceType };
    const outcome = await test.probe(deps, input);
    res.locals.audit.detail = { connection_ok: outcome.connection_ok };
    res.json(outcome);
  };
}
