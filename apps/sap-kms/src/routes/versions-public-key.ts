import { KmsError } from "../http/errors.ts";
import type { TenantRoute } from "../http/tenant-route.ts";
import { versionFromPath } from "./key-lookup.ts";

/**
 * `GET /kms/v2/keys/{id}/versions/{version}/publicKey?outputFormat=BASE64_DER` → `{publicKey}` (SPKI DER,
 * base64). With an RSA key holding the UNWRAP operation this is the import wrapping key of `/crypto/unwrap`.
 */
export const versionsPublicKey: TenantRoute = {
  id: "versions.publicKey",
  method: "get",
  path: "/keys/:id/versions/:version/publicKey",
  handle({ req, ctx }) {
    const { key, version } = versionFromPath(req, ctx.store);
    const format = req.query.outputFormat ?? "BASE64_DER";
    if (format !== "BASE64_DER") throw new KmsError("BAD_REQUEST", "outputFormat must be BASE64_DER");
    if (version.publicKey === undefined) throw new KmsError("BAD_REQUEST", `${key.type} keys have no public key`);
    return {
      status: 200,
      body: {
        keyId: key.id,
        version: version.version,
        outputFormat: format,
        publicKey: version.publicKey.toString("base64"),
      },
    };
  },
};
