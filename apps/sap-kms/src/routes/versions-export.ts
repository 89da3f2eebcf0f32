import { createPublicKey, type KeyObject } from "node:crypto";
import { z } from "zod";
import { ECDH_EXPORT, sealToX25519 } from "../crypto/export-wrapping.ts";
import { wrap } from "../crypto/wrapping.ts";
import { KmsError } from "../http/errors.ts";
import type { TenantRoute } from "../http/tenant-route.ts";
import { parseBody } from "../http/validate.ts";
import { base64Bytes } from "../schemas/base64.ts";
import { versionFromPath } from "./key-lookup.ts";

const RSA_EXPORT = "RSA_AES_WRAP_SHA256";
type ExportAlgorithm = typeof ECDH_EXPORT | typeof RSA_EXPORT;

const bodySchema = z
  .object({
    publicKey: base64Bytes(4096),
    // The first clients of this route knew RSA only and sent no algorithm.
    algorithm: z.enum([ECDH_EXPORT, RSA_EXPORT]).default(RSA_EXPORT),
  })
  .strict();

/** Parsed public keys by algorithm and DER (base64): callers reuse one wrapping key for many exports. */
const parsed = new Map<string, KeyObject>();
const PARSED_MAX = 64;

function wrappingKey(algorithm: ExportAlgorithm, der: Buffer): KeyObject {
  const id = `${algorithm}:${der.toString("base64")}`;
  const known = parsed.get(id);
  if (known) return known;
  const key = parseWrappingKey(algorithm, der);
  if (parsed.size >= PARSED_MAX) parsed.delete(parsed.keys().next().value as string);
  parsed.set(id, key);
  return key;
}

function parseWrappingKey(algorithm: ExportAlgorithm, der: Buffer): KeyObject {
  const wanted = algorithm === ECDH_EXPORT ? "an X25519" : "an RSA";
  let key: KeyObject;
  try {
    key = createPublicKey({ key: der, format: "der", type: "spki" });
  } catch {
    const message = `publicKey must be ${wanted} public key (SubjectPublicKeyInfo DER, base64)`;
    throw new KmsError("INVALID_WRAPPING_KEY", message);
  }
  if (algorithm === ECDH_EXPORT) {
    if (key.asymmetricKeyType !== "x25519") {
      throw new KmsError("INVALID_WRAPPING_KEY", `publicKey must be an X25519 key for ${ECDH_EXPORT}`);
    }
    return key;
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType !== "rsa" || bits < 2048) {
    throw new KmsError("INVALID_WRAPPING_KEY", "publicKey must be an RSA key of at least 2048 bits");
  }
  return key;
}

function sealFor(algorithm: ExportAlgorithm, recipient: KeyObject, material: Buffer, keyId: string, version: number) {
  if (algorithm === ECDH_EXPORT) return sealToX25519(recipient, material, keyId, version);
  return wrap(RSA_EXPORT, recipient, material);
}

/**
 * Not in SAP's documented API (the simulator's addition for backups):
 * `POST /kms/v2/keys/{id}/versions/{version}/export {publicKey, algorithm}` → the version's material
 * wrapped to the caller's public key: `ECDH_X25519_HKDF_SHA256_AES256_GCM` to an X25519 key, or
 * `RSA_AES_WRAP_SHA256` (the default, for clients that send no algorithm) to an RSA key. A
 * non-exportable key is a 403.
 */
export const versionsExport: TenantRoute = {
  id: "versions.export",
  method: "post",
  path: "/keys/:id/versions/:version/export",
  handle({ req, ctx }) {
    const { key, version } = versionFromPath(req, ctx.store);
    const body = parseBody(bodySchema, req.body);
    if (!key.exportable) throw new KmsError("KEY_NOT_EXPORTABLE", `key ${key.id} is not exportable`);
    const recipient = wrappingKey(body.algorithm, body.publicKey);
    const wrapped = sealFor(body.algorithm, recipient, version.material, key.id, version.version);
    return {
      status: 200,
      body: {
        keyId: key.id,
        version: version.version,
        type: key.type,
        size: key.size,
        ...(key.curve !== undefined ? { curve: key.curve } : {}),
        algorithm: body.algorithm,
        format: version.format,
        wrappedKey: wrapped.toString("base64"),
      },
    };
  },
};
