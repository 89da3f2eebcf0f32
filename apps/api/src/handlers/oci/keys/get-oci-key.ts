import type { RequestHandler } from "express";
import type { AppDeps } from "../../../context.ts";
import { findOciKeyOr404 } from "./find-oci-key.ts";
import { ociKeyResource } from "./oci-key-resource.ts";

/** `GET /cckm/oci/keys/{id}`: the key as the inventory holds it. */
export function getOciKey(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    res.json(ociKeyResource(await findOciKeyOr404(deps, req.params)));
  };
}
