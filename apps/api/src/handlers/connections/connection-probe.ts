import { EndpointForbiddenError, type SapKmsClient, SapKmsError } from "@cckm/sap-kms-client";
import { z } from "zod";
import { ApiError } from "../../http/errors.ts";
import { refusalMessage } from "./endpoint-check.ts";

/** The answer of a connection test (OpenAPI). */
export const probeOutcome = z.object({ connection_ok: z.boolean(), message: z.string() });

export type ProbeOutcome = z.output<typeof probeOutcome>;

/**
 * Signs in to SAP with a fresh token and lists one group. SAP's refusal or silence is the outcome
 * (`connection_ok: false` with the error's code); an endpoint the policy refuses (as written, or
 * what its name resolves to) is a 400 naming `field`, nothing having been sent.
 */
export async function probeConnection(client: SapKmsClient, field: string): Promise<ProbeOutcome> {
  try {
    await client.login();
    await client.listGroups({ top: 1 });
    return { connection_ok: true, message: "signed in and listed groups" };
  } catch (error) {
    if (!(error instanceof SapKmsError)) throw error;
    if (error.cause instanceof EndpointForbiddenError) {
      throw new ApiError(400, refusalMessage(field, error.cause.refusal));
    }
    return { connection_ok: false, message: `${error.code}: ${error.message}` };
  }
}
