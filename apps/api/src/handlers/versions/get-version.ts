import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { findKeyOr404 } from "../keys/find-key.ts";
import { sapClientOfKey } from "./key-client.ts";
import { versionParamsOf, versionResource } from "./version-resource.ts";

/** `GET /cckm/sap/keys/{id}/versions/{versionID}`: by the version's resource id (or its number). */
export function getVersion(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const { keyId, pick } = versionParamsOf(req.params);
    const key = await findKeyOr404(deps, { id: keyId });
    const listed = key.gone ? [] : await (await sapClientOfKey(deps, key.id)).listVersions(key.sapKeyId);
    const version = listed.find(pick);
    if (!version) throw new ApiError(404, `key ${key.id} has no version ${req.params.versionID} on SAP`);
    res.json(versionResource(key, version));
  };
}
