import { createPublicKey, type KeyObject } from "node:crypto";
import { z } from "zod";
import { wrap } from "../crypto/wrapping.ts";
import { KmsError } from "../http/errors.ts";
import type { TenantRoute } from "../http/tenant-route.ts";
import { parseBody } from "../http/validate.ts";
import { base64Bytes } from "../schemas/base64.ts";
import { versionFromPath } from "./key-lookup.ts";

const bodySchema = z
  .object({
    publicKey: base64Bytes(4096),
    algorithm: z.literal("RSA_AES_WRAP_SHA256").default("RSA_AES_WRAP_SHA256"),
  })
  .strict();

/** Parsed public keys by their DER (base64): callers reuse one wrapping key for many exports. */
const parsed = new Map<string, KeyObject>();
const PARSED_MAX = 64;

function wrappingKey(der: Buffer): KeyObject {
  const id = der.toString("base64");
  const known = parsed.get(id);
  if (known) return known;
  const key = parseWrappingKey(der);
  if (parsed.size >= PARSED_MAX) parsed.delete(parsed.keys().next().value as string);
  parsed.set(id, key);
  return key;
}

function parseWrappingKey(der: Buffer): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: der, format: "der", type: "spki" });
  } catch {
    throw new KmsError(
      "INVALID_WRAPPING_KEY",
      "publicKey must be an RSA public key (SubjectPublicKeyInfo DER, base64)",
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType !== "rsa" || bits < 2048) {
    throw new KmsError("INVALID_WRAPPING_KEY", "publicKey must be an RSA key of at least 2048 bits");
  }
  return key;
}

/**
 * Not in SAP's documented API (the simulator's addition for backups):
 * `POST /kms/v2/keys/{id}/versions/{version}/export {publicKey}` → the version's material wrapped
 * with RSA_AES_WRAP_SHA256 under the caller's RSA public key. A non-exportable key is a 403.
 */
export const versionsExport: TenantRoute = {
  id: "versions.export",
  method: "post",
  path: "/keys/:id/versions/:version/export",
  handle({ req, ctx }) {
    const { key, version } = versionFromPath(req, ctx.store);
    const body = parseBody(bodySchema, req.body);
    if (!key.exportable) throw new KmsError("KEY_NOT_EXPORTABLE", `key ${key.id} is not exportable`);
    const wrapped = wrap(body.algorithm, wrappingKey(body.publicKey), version.material);
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
