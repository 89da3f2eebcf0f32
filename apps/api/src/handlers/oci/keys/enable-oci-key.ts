import type { RequestHandler } from "express";
import type { AppDeps } from "../../../context.ts";
import { runOciKeyAction } from "./oci-key-action.ts";

/** `POST /cckm/oci/keys/{id}/enable`: the key as stored after OCI accepted it (transitional state). */
export function enableOciKey(deps: AppDeps): RequestHandler {
  return (req, res) => runOciKeyAction(deps, req, res, "enable", (c, me, id) => c.enableKey(me, id));
}
