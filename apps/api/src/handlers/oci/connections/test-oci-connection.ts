import { recordOciConnectionTest } from "@cckm/inventory";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../../context.ts";
import { findOciConnectionOr404, storedOciConnectionOr404 } from "./find-oci-connection.ts";
import { probeOci } from "./probe-oci.ts";

/** `POST /connectionmgmt/services/oci/connections/{id}/test`: 200 with `connection_ok`, recorded on the connection. */
export function testOciConnection(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const view = await findOciConnectionOr404(deps, req.params);
    res.locals.audit = { action: "connection.test", resourceType: "oci_connection", resourceId: view.id };
    const row = await storedOciConnectionOr404(deps, view.id);
    const outcome = await probeOci(() => deps.ociClients.for(row), row.tenancyOcid);
    await recordOciConnectionTest(deps.db, row.id, { ok: outcome.connection_ok, error: outcome.message });
    res.locals.audit.detail = { connection_ok: outcome.connection_ok };
    res.json(outcome);
  };
}
