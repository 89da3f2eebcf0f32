import { type OciKmsClient, OciKmsError } from "@cckm/oci-kms-client";
import { z } from "zod";
import { ApiError } from "../../../http/errors.ts";

export const ociProbeOutcome = z.object({ connection_ok: z.boolean(), message: z.string() });
export type OciProbeOutcome = z.output<typeof ociProbeOutcome>;

/**
 * Lists the tenancy's vaults in the connection's region (a signed call): OCI's refusal or silence is
 * the outcome (`connection_ok: false` with the code); an endpoint the policy refuses is a 400.
 */
export async function probeOci(make: () => OciKmsClient, tenancyOcid: string): Promise<OciProbeOutcome> {
  try {
    const client = make();
    await client.listVaults(tenancyOcid);
    return { connection_ok: true, message: "signed in and listed the tenancy's vaults" };
  } catch (error) {
    if (!(error instanceof OciKmsError)) throw error;
    if (error.code === "ENDPOINT_FORBIDDEN") throw new ApiError(400, `kms_endpoint: ${error.message}`);
    return { connection_ok: false, message: `${error.code}: ${error.message}` };
  }
}
