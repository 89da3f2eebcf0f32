import { findOciVersion } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../../context.ts";
import { ApiError } from "../../../http/errors.ts";
import { parse } from "../../../http/validate.ts";
import { findOciKeyOr404 } from "../keys/find-oci-key.ts";
import { refText } from "../oci-kinds.ts";
import { ociVersionResource } from "./oci-version-resource.ts";

const versionParam = z.object({ versionID: refText(255) });

/** `GET /cckm/oci/keys/{id}/versions/{versionID}`: by the version's CM id or its OCID. */
export function getOciVersion(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const key = await findOciKeyOr404(deps, req.params);
    const { versionID } = parse(versionParam, req.params, "path");
    const row = await findOciVersion(deps.db, key.id, versionID);
    if (!row) throw new ApiError(404, `version ${versionID} of key ${key.id} not found`);
    res.json(ociVersionResource(row));
  };
}
