import type { RequestHandler } from "express";
import type { AppDeps } from "../../../context.ts";
import { runOciKeyAction } from "./oci-key-action.ts";

/** `POST /cckm/oci/keys/{id}/disable`: the key as stored after OCI accepted it (transitional state). */
export function disableOciKey(deps: AppDeps): RequestHandler {
  return (req, res) => runOciKeyAction(deps, req, res, "disable", (c, me, id) => c.disableKey(me, id));
}
