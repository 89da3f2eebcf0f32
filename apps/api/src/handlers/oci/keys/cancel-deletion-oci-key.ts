import type { RequestHandler } from "express";
import type { AppDeps } from "../../../context.ts";
import { runOciKeyAction } from "./oci-key-action.ts";

/** `POST /cckm/oci/keys/{id}/cancel-deletion`: the key as stored after OCI accepted it (transitional state). */
export function cancelDeletionOciKey(deps: AppDeps): RequestHandler {
  return (req, res) => runOciKeyAction(deps, req, res, "cancel-deletion", (c, me, id) => c.cancelKeyDeletion(me, id));
}
