import { describeRefusal, type EndpointRefusal } from "@cckm/sap-kms-client";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";

/** The words of a 400 for an endpoint the policy refuses, naming the field and what would allow it. */
export function refusalMessage(field: string, refusal: EndpointRefusal, cloud: "SAP" | "AWS" = "SAP"): string {
  const why = refusal.never
    ? `never allowed as a ${cloud} KMS endpoint`
    : `private addresses are allowed only with ${cloud}_KMS_ALLOW_PRIVATE_ENDPOINTS=true`;
  return `${field}: ${describeRefusal(refusal)}; ${why}`;
}

/**
 * 400 when an endpoint is an address connections may not reach: link-local and unspecified always,
 * private ranges (loopback, RFC 1918, CGNAT, unique local) unless opted in. Judged by the host as
 * written; a name is judged again at connect time, on what it resolves to.
 */
export function checkEndpoint(deps: AppDeps, url: string, field: string): void {
  const refusal = deps.sapClients.endpointRefusal(url);
  if (refusal) throw new ApiError(400, refusalMessage(field, refusal));
}
