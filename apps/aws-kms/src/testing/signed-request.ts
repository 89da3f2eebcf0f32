import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AccessKey } from "../auth/access-keys.ts";

export interface SignedRequestOptions {
  target: string;
  body?: string;
  key: AccessKey;
  /** Signs with this secret instead of the key's. */
  secret?: string;
  region?: string;
  /** The signing time; now by default. */
  date?: Date;
  contentType?: string;
  /** Whether the signer sends (and signs) x-amz-content-sha256, as the SDK does; true by default. */
  payloadHashHeader?: boolean;
  /** Changes made after signing (a tampered request). */
  tamper?: (request: { headers: Record<string, string>; body: string }) => void;
}

/**
 * Sends one hand-signed AWS JSON 1.1 request with fetch, for what the SDK would never send (stale
 * dates, bad bodies, tampering). Answers the status and the parsed body.
 */
export async function signedRequest(url: string, options: SignedRequestOptions) {
  const endpoint = new URL(url);
  const body = options.body ?? "{}";
  const signer = new SignatureV4({
    service: "kms",
    region: options.region ?? "us-east-1",
    credentials: {
      accessKeyId: options.key.accessKeyId,
      secretAccessKey: options.secret ?? options.key.secretAccessKey,
    },
    sha256: Sha256,
    applyChecksum: options.payloadHashHeader ?? true,
  });
  const signed = await signer.sign(
    {
      method: "POST",
      protocol: "http:",
      hostname: endpoint.hostname,
      port: Number(endpoint.port),
      path: "/",
      query: {},
      headers: {
        host: endpoint.host,
        "content-type": options.contentType ?? "application/x-amz-json-1.1",
        "x-amz-target": options.target,
      },
      body,
    },
    { signingDate: options.date ?? new Date() },
  );
  const request = { headers: { ...(signed.headers as Record<string, string>) }, body };
  options.tamper?.(request);
  const { host: _host, ...headers } = request.headers;
  const res = await fetch(url, { method: "POST", headers, body: request.body });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Record<string, unknown> };
}
