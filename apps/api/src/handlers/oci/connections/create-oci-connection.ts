import { addOciConnection } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../../context.ts";
import { parse } from "../../../http/validate.ts";
import { checkOciEndpoint, storedOciEndpoint } from "./check-oci-endpoint.ts";
import { ociConnectionFields, ociConnectionName, ociConnectionParams, secretOf } from "./oci-connection-input.ts";
import { ociConnectionResource } from "./oci-connection-resource.ts";

export const body = z.object({ name: ociConnectionName, ...ociConnectionParams, ...ociConnectionFields });

/** `POST /connectionmgmt/services/oci/connections`: 201; the private key and passphrase sealed, never returned. */
export function createOciConnection(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    res.locals.audit = { action: "connection.create", resourceType: "oci_connection", detail: { name: input.name } };
    checkOciEndpoint(deps, input.kms_endpoint);
    const view = await addOciConnection(deps.db, deps.keyring, {
      name: input.name,
      description: input.description ?? undefined,
      tenancyOcid: input.tenancy_ocid,
      userOcid: input.user_ocid,
      fingerprint: input.fingerprint.toLowerCase(),
      region: input.region,
      endpoint: storedOciEndpoint(input.kms_endpoint),
      secret: secretOf(input.credentials),
      ...(input.meta ? { meta: input.meta } : {}),
      ...(input.labels ? { labels: input.labels } : {}),
    });
    res.locals.audit.resourceId = view.id;
    res.status(201).json(ociConnectionResource(view));
  };
}
