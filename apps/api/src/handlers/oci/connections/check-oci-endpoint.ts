import type { AppDeps } from "../../../context.ts";
import { ApiError } from "../../../http/errors.ts";

/** A `kms_endpoint` the deployment's endpoint policy refuses is a 400 naming the field; nothing is stored. */
export function checkOciEndpoint(deps: AppDeps, url: string | null | undefined): void {
  if (!url) return;
  const refusal = deps.ociClients.endpointRefusal(url);
  if (refusal) throw new ApiError(400, `body.kms_endpoint: ${refusal}`);
}

/** An endpoint as stored: without trailing slashes. */
export const storedOciEndpoint = (url: string | null | undefined) => (url ? url.replace(/\/+$/, "") : undefined);
