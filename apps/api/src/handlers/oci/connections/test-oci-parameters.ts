import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../../context.ts";
import { parse } from "../../../http/validate.ts";
import { checkOciEndpoint, storedOciEndpoint } from "./check-oci-endpoint.ts";
import { ociConnectionFields, ociConnectionParams, secretOf } from "./oci-connection-input.ts";
import { probeOci } from "./probe-oci.ts";

export const body = z.object({ ...ociConnectionParams, ...ociConnectionFields });

/** `POST /connectionmgmt/services/oci/connection-test`: tests parameters before a connection exists; persists nothing. */
export function testOciParameters(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    res.locals.audit = { action: "connection.test-parameters", resourceType: "oci_connection" };
    checkOciEndpoint(deps, input.kms_endpoint);
    const settings = {
      tenancyOcid: input.tenancy_ocid,
      userOcid: input.user_ocid,
      fingerprint: input.fingerprint,
      region: input.region,
      endpoint: storedOciEndpoint(input.kms_endpoint),
    };
    const outcome = await probeOci(
      () => deps.ociClients.withSecret(settings, secretOf(input.credentials)),
      input.tenancy_ocid,
    );
    res.json(outcome);
  };
}
