import { changeOciConnection, type OciConnectionView } from "@cckm/inventory";
import { z } from "zod";
import type { CloudConnectionPatch } from "../../connections/update-connection.ts";
import { ocid, ociRegion } from "../oci-kinds.ts";
import { checkOciEndpoint, storedOciEndpoint } from "./check-oci-endpoint.ts";
import { ociConnectionFields, ociCredentials, ociFingerprint, secretOf } from "./oci-connection-input.ts";
import { OCI_CONNECTIONS } from "./oci-connections.ts";

export const body = z.object({
  tenancy_ocid: ocid("tenancy").nullish(),
  user_ocid: ocid("user").nullish(),
  fingerprint: ociFingerprint.nullish(),
  region: ociRegion.nullish(),
  credentials: ociCredentials.nullish(),
  ...ociConnectionFields,
});

type Changes = Parameters<typeof changeOciConnection>[3];

/** An OCI connection's patch: what is given changes; new credentials are sealed afresh. */
export const OCI_CONNECTION_PATCH: CloudConnectionPatch<z.output<typeof body>, Changes, OciConnectionView> = {
  connections: OCI_CONNECTIONS,
  body,
  audit: "connection.update",
  changes(deps, input) {
    checkOciEndpoint(deps, input.kms_endpoint);
    return {
      ...(input.description != null ? { description: input.description } : {}),
      ...(input.tenancy_ocid ? { tenancyOcid: input.tenancy_ocid } : {}),
      ...(input.user_ocid ? { userOcid: input.user_ocid } : {}),
      ...(input.fingerprint ? { fingerprint: input.fingerprint.toLowerCase() } : {}),
      ...(input.region ? { region: input.region } : {}),
      ...(input.kms_endpoint ? { endpoint: storedOciEndpoint(input.kms_endpoint) } : {}),
      ...(input.credentials ? { secret: secretOf(input.credentials) } : {}),
      ...(input.meta ? { meta: input.meta } : {}),
      ...(input.labels ? { labels: input.labels } : {}),
    };
  },
  apply: (deps, id, changes) => changeOciConnection(deps.db, deps.keyring, id, changes),
};
