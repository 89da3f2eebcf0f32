import { z } from "zod";
import type { CloudParametersTest } from "../../connections/test-connection-parameters.ts";
import { checkOciEndpoint, storedOciEndpoint } from "./check-oci-endpoint.ts";
import { ociConnectionFields, ociConnectionParams, secretOf } from "./oci-connection-input.ts";
import { OCI_CONNECTIONS } from "./oci-connections.ts";
import { probeOci } from "./probe-oci.ts";

export const body = z.object({ ...ociConnectionParams, ...ociConnectionFields });

/** OCI's `connection-test`: the tenancy's vaults listed with a signed call. */
export const OCI_CONNECTION_PARAMETERS: CloudParametersTest<z.output<typeof body>> = {
  connections: OCI_CONNECTIONS,
  body,
  audit: "connection.test-parameters",
  probe(deps, input) {
    checkOciEndpoint(deps, input.kms_endpoint);
    const settings = {
      tenancyOcid: input.tenancy_ocid,
      userOcid: input.user_ocid,
      fingerprint: input.fingerprint,
      region: input.region,
      endpoint: storedOciEndpoint(input.kms_endpoint),
    };
    return probeOci(() => deps.ociClients.withSecret(settings, secretOf(input.credentials)), input.tenancy_ocid);
  },
};
