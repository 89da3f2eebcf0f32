import { type AwsKmsClient, AwsKmsError } from "@cckm/aws-kms-client";
import { ApiError } from "../../http/errors.ts";

export { probeOutcome } from "../connections/connection-probe.ts";

/**
 * Signs a ListKeys request with the connection's key pair. AWS's refusal or silence is the outcome
 * (`connection_ok: false` with the error's code); an endpoint the policy refuses is a 400 naming
 * `field`, nothing having been sent.
 */
export async function probeAws(client: () => AwsKmsClient, field: string) {
  try {
    const keys = await client().listKeys({ pageSize: 100 });
    return { connection_ok: true, message: `signed in and listed ${keys.length} key(s)` };
  } catch (error) {
    if (!(error instanceof AwsKmsError)) throw error;
    if (error.code === "ENDPOINT_FORBIDDEN") throw new ApiError(400, `${field}: ${error.message}`);
    if (error.code === "INVALID_CONFIG") throw new ApiError(400, error.message);
    return { connection_ok: false, message: `${error.code}: ${error.message}` };
  }
}
