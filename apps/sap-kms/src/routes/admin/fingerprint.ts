import { createHash } from "node:crypto";
import type { AdminRoute } from "../../http/admin-route.ts";
import { versionFromPath } from "../key-lookup.ts";

/**
 * `GET /admin/keys/{id}/versions/{version}/fingerprint` → `{keyId, version, algorithm, fingerprint}`: the
 * SHA-256 (hex) of the version's material (raw AES bytes, or the PKCS#8 DER private key). Never the material.
 */
export const keyFingerprint: AdminRoute = {
  method: "get",
  path: "/keys/:id/versions/:version/fingerprint",
  handle: (req, ctx) => {
    const { key, version } = versionFromPath(req, ctx.store);
    const fingerprint = createHash("sha256").update(version.material).digest("hex");
    return { status: 200, body: { keyId: key.id, version: version.version, algorithm: "SHA-256", fingerprint } };
  },
};
