import { dropBackup } from "@cckm/jobs";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { refused } from "../../http/domain-errors.ts";
import { findKeyOr404 } from "./find-key.ts";
import { keyResource } from "./key-resource.ts";

/** `POST /cckm/sap/keys/{id}/delete-backup`: drops the backup of a deleted key; 409 otherwise. */
export function deleteBackup(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const key = await findKeyOr404(deps, req.params);
    res.locals.audit = { action: "key.backup.delete", resourceType: "sap_key", resourceId: key.id };
    const outcome = await dropBackup(deps.db, key.id);
    if (outcome !== "dropped") {
      throw refused("dropBackup", outcome);
    }
    res.json(keyResource(await findKeyOr404(deps, { id: key.id })));
  };
}
