import { createHash, timingSafeEqual } from "node:crypto";
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { AwsError } from "../protocol/aws-error.ts";
import type { AccessKey, AccessKeys } from "./access-keys.ts";
import { parseAuthorization, type SigV4Authorization } from "./authorization-header.ts";

/** How far X-Amz-Date may be from the simulator's clock, as AWS allows: 15 minutes. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

/** What the verifier needs of a received request. */
export interface ReceivedRequest {
  method: string;
  /** The path and query as received, e.g. `/` or `/?a=b`. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Who signed a request: their key pair (so their account) and the region of the credential scope. */
export interface Caller {
  accessKey: AccessKey;
  region: string;
}

const invalid = (message: string) => new AwsError("InvalidSignatureException", message);
const MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** `20250101T120000Z` → epoch ms, or undefined when it is not that form. */
function amzDate(value: string | undefined): number | undefined {
  const m = value === undefined ? null : /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const ms = Date.UTC(y ?? 0, (mo ?? 1) - 1, d, h, mi, s);
  return Number.isNaN(ms) ? undefined : ms;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

const compact = (ms: number) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, "");

function header(headers: ReceivedRequest["headers"], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

function checkDate(date: number, now: number, raw: string): void {
  if (date < now - MAX_SKEW_MS) {
    throw invalid(
      `Signature expired: ${raw} is now earlier than ${compact(now - MAX_SKEW_MS)} (${compact(now)} - 15 min.)`,
    );
  }
  if (date > now + MAX_SKEW_MS) {
    throw invalid(
      `Signature not yet current: ${raw} is still later than ${compact(now + MAX_SKEW_MS)} (${compact(now)} + 15 min.)`,
    );
  }
}

/** The signature of `request` computed with `key`'s secret over the headers the client says it signed. */
async function expectedSignature(request: ReceivedRequest, auth: SigV4Authorization, key: AccessKey, date: number) {
  const { signedHeaders, region } = auth;
  const url = new URL(request.url, "http://simulator.invalid");
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const before = query[name];
    query[name] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  }
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = header(request.headers, name);
    if (value !== undefined) headers[name] = value;
  }
  const signer = new SignatureV4({
    service: "kms",
    region,
    credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
    sha256: Sha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: "http:",
      hostname: headers.host ?? "",
      path: safeDecode(url.pathname),
      query,
      headers,
      body: request.body,
    },
    {
      signingDate: new Date(date),
      signingRegion: region,
      signingService: "kms",
      signableHeaders: new Set(signedHeaders),
    },
  );
  return /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization ?? ""))?.[1] ?? "";
}

/**
 * Verifies a SigV4-signed request the way AWS does: the access key must be configured, the scope
 * must be for `kms` on that day, X-Amz-Date within 15 minutes of `now`, and the signature the one
 * the stored secret gives over the same canonical request. Refusals are AWS's error types.
 */
export async function verifySignature(request: ReceivedRequest, keys: AccessKeys, now: number): Promise<Caller> {
  const auth = parseAuthorization(header(request.headers, "authorization"));
  const key = keys.get(auth.accessKeyId);
  if (key === undefined) {
    throw new AwsError("UnrecognizedClientException", "The security token included in the request is invalid.");
  }
  const rawDate = header(request.headers, "x-amz-date");
  const date = amzDate(rawDate);
  if (rawDate === undefined || date === undefined) {
    throw new AwsError(
      "IncompleteSignatureException",
      "Authorization header requires existence of a valid 'X-Amz-Date' header.",
    );
  }
  if (auth.scopeDate !== rawDate.slice(0, 8)) {
    throw invalid(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.scopeDate}' != '${rawDate.slice(0, 8)}'`,
    );
  }
  if (auth.service !== "kms") throw invalid(`Credential should be scoped to correct service: 'kms'.`);
  if (!REGION.test(auth.region)) throw invalid(`Credential should be scoped to a valid region, not '${auth.region}'.`);
  if (!auth.signedHeaders.includes("host")) throw invalid("'Host' must be a 'SignedHeader' in the AWS Authorization.");
  checkDate(date, now, rawDate);
  const contentHash = header(request.headers, "x-amz-content-sha256");
  if (contentHash !== undefined && contentHash !== createHash("sha256").update(request.body).digest("hex")) {
    throw invalid(MISMATCH); // a claimed payload hash must be the body's: the signer takes it on trust
  }
  const expected = Buffer.from(await expectedSignature(request, auth, key, date));
  const given = Buffer.from(auth.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid(MISMATCH);
  return { accessKey: key, region: auth.region };
}
