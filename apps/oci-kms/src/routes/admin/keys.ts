import { createHash } from "node:crypto";
import type { AdminRoute } from "../../http/admin-route.ts";
import { notFound } from "../../http/errors.ts";

/**
 * `GET /admin/keys/{keyId}/versions/{keyVersionId}/fingerprint` → `{keyId, keyVersionId, algorithm,
 * format, fingerprint}`: the SHA-256 (hex) of the version's material (raw AES bytes, or the PKCS#8 DER
 * private key). Never the material: a test compares it with the fingerprint of what it imported.
 */
export const versionFingerprint: AdminRoute = {
  method: "get",
  path: "/keys/:keyId/versions/:keyVersionId/fingerprint",
  handle: (req, ctx) => {
    const { keyId, keyVersionId } = req.params as Record<string, string>;
    const key = ctx.store.anyKey(String(keyId));
    const version = key?.versions.find((v) => v.id === keyVersionId);
    if (key === undefined || version === undefined) throw notFound(`key version ${keyVersionId}`);
    const fingerprint = createHash("sha256").update(version.material).digest("hex");
    const format = key.algorithm === "AES" ? "RAW" : "PKCS8";
    return { status: 200, body: { keyId, keyVersionId, algorithm: "SHA-256", format, fingerprint } };
  },
};

/** `POST /admin/settle` → `{settled: n}`: every transitional state ends now, whatever its delay. */
export const settleAll: AdminRoute = {
  method: "post",
  path: "/settle",
  handle: (_req, ctx) => ({ status: 200, body: { settled: ctx.store.finishTransitions() } }),
};
