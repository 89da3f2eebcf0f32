import { changeOciConnection } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../../context.ts";
import { parse } from "../../../http/validate.ts";
import { ocid, ociRegion } from "../oci-kinds.ts";
import { checkOciEndpoint, storedOciEndpoint } from "./check-oci-endpoint.ts";
import { findOciConnectionOr404 } from "./find-oci-connection.ts";
import { ociConnectionFields, ociCredentials, ociFingerprint, secretOf } from "./oci-connection-input.ts";
import { ociConnectionResource } from "./oci-connection-resource.ts";

export const body = z.object({
  tenancy_ocid: ocid("tenancy").nullish(),
  user_ocid: ocid("user").nullish(),
  fingerprint: ociFingerprint.nullish(),
  region: ociRegion.nullish(),
  credentials: ociCredentials.nullish(),
  ...ociConnectionFields,
});

/** `PATCH /connectionmgmt/services/oci/connections/{id}`: what is given changes; new credentials are sealed afresh. */
export function updateOciConnection(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const row = await findOciConnectionOr404(deps, req.params);
    const input = parse(body, req.body, "body");
    res.locals.audit = { action: "connection.update", resourceType: "oci_connection", resourceId: row.id };
    checkOciEndpoint(deps, input.kms_endpoint);
    const view = await changeOciConnection(deps.db, deps.keyring, row.id, {
      ...(input.description != null ? { description: input.description } : {}),
      ...(input.tenancy_ocid ? { tenancyOcid: input.tenancy_ocid } : {}),
      ...(input.user_ocid ? { userOcid: input.user_ocid } : {}),
      ...(input.fingerprint ? { fingerprint: input.fingerprint.toLowerCase() } : {}),
      ...(input.region ? { region: input.region } : {}),
      ...(input.kms_endpoint ? { endpoint: storedOciEndpoint(input.kms_endpoint) } : {}),
      ...(input.credentials ? { secret: secretOf(input.credentials) } : {}),
      ...(input.meta ? { meta: input.meta } : {}),
      ...(input.labels ? { labels: input.labels } : {}),
    });
    res.json(ociConnectionResource(view));
  };
}
