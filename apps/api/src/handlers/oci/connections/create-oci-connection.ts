import { addOciConnection, type OciConnectionView } from "@cckm/inventory";
import { z } from "zod";
import type { CloudConnectionCreate } from "../../connections/create-connection.ts";
import { checkOciEndpoint, storedOciEndpoint } from "./check-oci-endpoint.ts";
import { ociConnectionFields, ociConnectionName, ociConnectionParams, secretOf } from "./oci-connection-input.ts";
import { OCI_CONNECTIONS } from "./oci-connections.ts";

export const body = z.object({ name: ociConnectionName, ...ociConnectionParams, ...ociConnectionFields });

/** An OCI connection's create: the private key and passphrase sealed, never returned. */
export const OCI_CONNECTION_CREATE: CloudConnectionCreate<z.output<typeof body>, OciConnectionView> = {
  connections: OCI_CONNECTIONS,
  body,
  audit: "connection.create",
  add(deps, input) {
    checkOciEndpoint(deps, input.kms_endpoint);
    return addOciConnection(deps.db, deps.keyring, {
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
  },
};
