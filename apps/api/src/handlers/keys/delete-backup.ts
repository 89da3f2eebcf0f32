import { dropBackup } from "@cckm/inventory";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { findKeyOr404 } from "./find-key.ts";
import { keyResource } from "./key-resource.ts";

const REFUSALS = {
  not_found: [404, "key not found"],
  not_gone: [409, "the key still exists in SAP: its backup is kept until the key is deleted"],
  no_backup: [409, "the key holds no backup"],
  job_active: [409, "a job is running for this key"],
} as const;

/** `POST /cckm/sap/keys/{id}/delete-backup`: drops the backup of a deleted key; 409 otherwise. */
export function deleteBackup(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const key = await findKeyOr404(deps, req.params);
    res.locals.audit = { action: "key.backup.delete", resourceType: "sap_key", resourceId: key.id };
    const outcome = await dropBackup(deps.db, key.id);
    if (outcome !== "dropped") {
      const [status, message] = REFUSALS[outcome];
      throw new ApiError(status, message);
    }
    res.json(keyResource(await findKeyOr404(deps, { id: key.id })));
  };
}
