import { createPrivateKey, randomUUID } from "node:crypto";
import type { Request } from "express";
import { z } from "zod";
import { inspectMaterial } from "../crypto/material.ts";
import { unwrap, WRAPPING_ALGORITHMS } from "../crypto/wrapping.ts";
import { KmsError } from "../http/errors.ts";
import type { TenantRoute } from "../http/tenant-route.ts";
import { parseBody } from "../http/validate.ts";
import { base64Bytes } from "../schemas/base64.ts";
import { keyAttributesSchema, newKeyRecord, requestedSpec, uuidString } from "../schemas/key-attributes.ts";
import type { KeyType } from "../store/key-spec.ts";
import type { KeyRecord } from "../store/records.ts";
import type { TenantStore } from "../store/tenant-store.ts";
import { keyView } from "../views.ts";

const bodySchema = z
  .object({
    keyId: uuidString,
    version: z.number().int().min(0),
    algorithm: z.enum(WRAPPING_ALGORITHMS),
    wrappedKey: base64Bytes(16_384),
    target: keyAttributesSchema.optional(),
    targetKeyId: uuidString.optional(),
  })
  .strict()
  .refine((b) => (b.target === undefined) !== (b.targetKeyId === undefined), {
    message: "give exactly one of target (a new key) and targetKeyId (a new version of that key)",
  });

/** The plaintext under the import wrapping key `keyId`/`version`: an enabled RSA key with UNWRAP. */
function unwrapMaterial(store: TenantStore, body: z.infer<typeof bodySchema>): Buffer {
  const kek = store.key(body.keyId.toLowerCase());
  const kekVersion = kek?.versions[body.version];
  if (kek === undefined || kekVersion === undefined) {
    throw new KmsError("INVALID_WRAPPING_KEY", `no key ${body.keyId} with version ${body.version}`);
  }
  if (kek.type !== "RSA" || !kek.operations.includes("UNWRAP") || !kek.enabled) {
    throw new KmsError("INVALID_WRAPPING_KEY", `key ${kek.id} is not an enabled RSA key with the UNWRAP operation`);
  }
  try {
    const privateKey = createPrivateKey({ key: kekVersion.material, format: "der", type: "pkcs8" });
    return unwrap(body.algorithm, privateKey, body.wrappedKey);
  } catch {
    throw new KmsError("UNWRAP_FAILED", `wrappedKey could not be unwrapped with key ${kek.id} version ${body.version}`);
  }
}

/** What the material is, when it is key material of `type` with the wanted size and curve; else a 400. */
function checkMaterial(material: Buffer, type: KeyType, want: { size?: number; curve?: string }) {
  const found = inspectMaterial(type, material);
  const fits =
    found !== undefined &&
    (want.size === undefined || found.size === want.size) &&
    (want.curve === undefined || found.curve === want.curve);
  if (found === undefined || !fits) {
    const detail = want.curve ?? (want.size !== undefined ? `of ${want.size} bits` : "");
    throw new KmsError("MATERIAL_MISMATCH", `the unwrapped material is not ${type} key material ${detail}`.trim());
  }
  return found;
}

/**
 * `POST /kms/v2/crypto/unwrap {keyId, version, algorithm, wrappedKey, target | targetKeyId}` → 200 with
 * the key: imports wrapped material as version 0 of a new key (`target`) or as the next version of
 * `targetKeyId`. AES material is raw bytes; RSA and EC material a PKCS#8 DER private key.
 */
export const cryptoUnwrap: TenantRoute = {
  id: "crypto.unwrap",
  method: "post",
  path: "/crypto/unwrap",
  keyIdOf: (req: Request) => {
    const target = (req.body as { targetKeyId?: unknown } | undefined)?.targetKeyId;
    return typeof target === "string" ? target : undefined;
  },
  handle({ req, user, ctx }) {
    const body = parseBody(bodySchema, req.body);
    const created = new Date().toISOString();
    let key: KeyRecord;
    if (body.target !== undefined) {
      requestedSpec(body.target); // checks the type/size/curve/operations combination
      ctx.store.checkNewKey(body.target.groupId.toLowerCase(), body.target.name);
      const found = checkMaterial(unwrapMaterial(ctx.store, body), body.target.type, body.target);
      const { material, format, publicKey } = found;
      const spec = { type: found.type, size: found.size, ...(found.curve ? { curve: found.curve } : {}) };
      key = newKeyRecord(randomUUID(), body.target, spec, user);
      key.versions.push({ version: 0, material, format, publicKey, imported: true, created, creatorId: user.id });
      ctx.store.insertKey(key);
    } else {
      const id = (body.targetKeyId ?? "").toLowerCase();
      const target = ctx.store.key(id);
      if (target === undefined) throw new KmsError("UNKNOWN_TARGET_KEY", `key ${id} does not exist`);
      const { material, format, publicKey } = checkMaterial(unwrapMaterial(ctx.store, body), target.type, target);
      ctx.store.addVersion(target.id, { material, format, publicKey, imported: true, created, creatorId: user.id });
      key = target;
    }
    return { status: 200, body: keyView(ctx.store, key) };
  },
};
