import type { OciRequest } from "../http/oci-route.ts";
import { pathParam } from "../http/validate.ts";
import type { KeyRecord, KeyVersionRecord, VaultRecord } from "../store/records.ts";

/** The management endpoint's vault (the route wrapper found it among the caller's). */
export function vaultOf(request: OciRequest): VaultRecord {
  if (request.vault === undefined) throw new Error("a management route without its vault");
  return request.vault;
}

/** The key named by the path, in the endpoint's vault (settled). */
export function keyFromPath(request: OciRequest): KeyRecord {
  return request.ctx.store.key(vaultOf(request).id, pathParam(request.req, "keyId"));
}

export function versionFromPath(request: OciRequest): { key: KeyRecord; version: KeyVersionRecord } {
  const { req, ctx } = request;
  return ctx.store.version(vaultOf(request).id, pathParam(req, "keyId"), pathParam(req, "keyVersionId"));
}
