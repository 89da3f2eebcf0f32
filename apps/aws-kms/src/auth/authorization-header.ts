import { AwsError } from "../protocol/aws-error.ts";

/** The parts of a SigV4 `Authorization` header. */
export interface SigV4Authorization {
  accessKeyId: string;
  /** `YYYYMMDD` of the credential scope. */
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const incomplete = (message: string) => new AwsError("IncompleteSignatureException", message);

/**
 * Reads `AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/kms/aws4_request, SignedHeaders=a;b, Signature=hex`.
 * No header is AWS's MissingAuthenticationTokenException; a malformed one its IncompleteSignatureException.
 */
export function parseAuthorization(header: string | undefined): SigV4Authorization {
  if (header === undefined || header.trim() === "") {
    throw new AwsError("MissingAuthenticationTokenException", "Missing Authentication Token");
  }
  const space = header.indexOf(" ");
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm !== "AWS4-HMAC-SHA256") throw incomplete(`Unsupported AWS 'algorithm': '${algorithm}'`);
  const fields = new Map<string, string>();
  for (const part of header.slice(space + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (credential === undefined || signedHeaders === undefined || signature === undefined) {
    throw incomplete(
      "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization=" +
        algorithm,
    );
  }
  const scope = credential.split("/");
  const [accessKeyId = "", scopeDate = "", region = "", service = "", terminator] = scope;
  if (scope.length !== 5 || terminator !== "aws4_request" || !/^\d{8}$/.test(scopeDate)) {
    throw incomplete(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/aws4_request, got '${credential}'`,
    );
  }
  if (!/^[0-9a-f]{64}$/.test(signature)) throw incomplete("Signature must be 64 lower-case hex digits");
  const names = signedHeaders.split(";");
  if (names.some((n) => n === "" || n !== n.toLowerCase())) {
    throw incomplete("SignedHeaders must be lower-case header names separated by ';'");
  }
  return { accessKeyId, scopeDate, region, service, signedHeaders: names, signature };
}
