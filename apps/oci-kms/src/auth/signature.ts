import { createHash, timingSafeEqual } from "node:crypto";
import type { Request } from "express";
import httpSignature, { type ParsedSignature } from "http-signature";
import sshpk from "sshpk";
import { OciApiError } from "../http/errors.ts";
import type { Caller, OciStore } from "../store/store.ts";

/** OCI signs these for every request, and the body headers too for POST, PUT and PATCH. */
const ALWAYS_SIGNED = ["(request-target)", "host"];
const BODY_SIGNED = ["content-length", "content-type", "x-content-sha256"];
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

const refuse = (why: string) =>
  new OciApiError(
    "NotAuthenticated",
    `The required information to complete authentication was not provided or was incorrect (${why}).`,
  );

const publicKeys = new Map<string, sshpk.Key>();
function parsedPublicKey(pem: string): sshpk.Key {
  let key = publicKeys.get(pem);
  if (key === undefined) {
    key = sshpk.parseKey(pem, "pem");
    publicKeys.set(pem, key);
  }
  return key;
}

function sameText(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Verifies an OCI API request signature (draft-cavage HTTP Signatures, as Oracle's SDKs sign):
 * `Authorization: Signature version="1",keyId="<tenancy>/<user>/<fingerprint>",algorithm="rsa-sha256",
 * headers="...",signature="..."`, signed over (x-)date, (request-target) and host, plus
 * content-length, content-type and x-content-sha256 for a body; the body must match its SHA-256.
 * Returns the caller, or throws 401 NotAuthenticated.
 */
export function authenticate(req: Request, rawBody: Buffer | undefined, store: OciStore): Caller {
  if (req.get("authorization") === undefined) throw refuse("no Authorization header");
  const dateHeader = req.get("x-date") !== undefined ? "x-date" : "date";
  const required = [dateHeader, ...ALWAYS_SIGNED, ...(BODY_METHODS.has(req.method) ? BODY_SIGNED : [])];
  let parsed: ParsedSignature;
  try {
    parsed = httpSignature.parseRequest(
      { method: req.method, url: req.originalUrl, httpVersion: req.httpVersion, headers: req.headers },
      { headers: required, clockSkew: 300, algorithms: ["rsa-sha256"] },
    );
  } catch (error) {
    throw refuse(
      (error as Error).name === "ExpiredRequestError" ? "the date is too far from now" : "bad signature header",
    );
  }
  const parts = parsed.keyId.split("/");
  const [tenancyId, userId, fingerprint] = parts;
  if (parts.length !== 3 || !tenancyId || !userId || !fingerprint) {
    throw refuse("keyId must be <tenancy>/<user>/<fingerprint>");
  }
  const caller = store.caller(tenancyId, userId, fingerprint);
  if (caller === undefined) throw refuse("no such API key");
  if (!httpSignature.verifySignature(parsed, parsedPublicKey(caller.apiKey.publicKeyPem))) {
    throw refuse("the signature does not verify");
  }
  if (BODY_METHODS.has(req.method)) {
    const body = rawBody ?? Buffer.alloc(0);
    const digest = createHash("sha256").update(body).digest("base64");
    if (!sameText(digest, req.get("x-content-sha256") ?? "")) throw refuse("x-content-sha256 does not match the body");
    if (Number(req.get("content-length") ?? "0") !== body.length)
      throw refuse("content-length does not match the body");
  }
  return caller;
}
