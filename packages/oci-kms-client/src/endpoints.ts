import { BlockList, isIP } from "node:net";
import { OciKmsError } from "./errors.ts";

// Never a KMS: link-local (cloud metadata services live there) and unspecified addresses.
const NEVER = new BlockList();
NEVER.addSubnet("169.254.0.0", 16, "ipv4");
NEVER.addSubnet("0.0.0.0", 8, "ipv4");
NEVER.addSubnet("fe80::", 10, "ipv6");
NEVER.addAddress("::", "ipv6");

/**
 * Checks an endpoint before the SDK is pointed at it: an http(s) URL without credentials, query or
 * fragment, whose host is not a link-local or unspecified address literal. Names are not resolved
 * here (the SDK makes the connection). Returns it without a trailing slash.
 */
export function checkEndpoint(value: string, operation: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OciKmsError("ENDPOINT_FORBIDDEN", `${operation}: the endpoint is not a URL`, { operation });
  }
  const refuse = (why: string) => new OciKmsError("ENDPOINT_FORBIDDEN", `${operation}: ${why}`, { operation });
  if (url.protocol !== "https:" && url.protocol !== "http:") throw refuse("the endpoint must be http(s)");
  if (url.username !== "" || url.password !== "") throw refuse("the endpoint must not carry credentials");
  if (url.search !== "" || url.hash !== "") throw refuse("the endpoint must not have a query or fragment");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const family = isIP(host);
  if (family !== 0 && NEVER.check(host, family === 4 ? "ipv4" : "ipv6")) {
    throw refuse(`the endpoint's address ${host} is never a KMS`);
  }
  return value.replace(/\/+$/, "");
}

/** The management endpoint to use for a vault's advertised one, after the configured override. */
export function managementEndpointFor(
  advertised: string,
  override: string | ((advertised: string) => string) | undefined,
  operation: string,
): string {
  const checked = checkEndpoint(advertised, operation);
  if (override === undefined) return checked;
  if (typeof override === "function") return checkEndpoint(override(checked), operation);
  const origin = new URL(checkEndpoint(override, operation)).origin;
  const { pathname } = new URL(checked);
  return checkEndpoint(`${origin}${pathname === "/" ? "" : pathname}`, operation);
}
