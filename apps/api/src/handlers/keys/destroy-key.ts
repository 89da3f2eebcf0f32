import { sapKeyIdsHeldByOthers } from "@cckm/inventory";
import { destroyKey as dropKey, JobError, JobState } from "@cckm/jobs";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { refused } from "../../http/domain-errors.ts";
import { ApiError } from "../../http/errors.ts";
import { sapClientOfKey } from "../versions/key-client.ts";
import { findKeyOr404 } from "./find-key.ts";
import { answerFailed, answerStillRunning, runDeleteJob } from "./run-delete-job.ts";

/**
 * `DELETE /cckm/sap/keys/{id}`: destroys the key for good, on SAP and here (versions, backup, jobs).
 * A key still on SAP is first deleted there by a delete job (`delete_if_backup_fails: true`: the
 * user asked for the material to go), waited for like `POST …/delete`; only a key gone from SAP is
 * then dropped from the inventory, in one transaction. A wait that runs out answers 202 with the job:
 * the key is then `gone` (as after `POST …/delete`) until the DELETE is sent again, which drops it.
 * A gone key whose restore did not finish may have left a key of its name on SAP (restores mark
 * nothing there; the next restore adopts it): then 409, since dropping the inventory row would leave
 * that material on SAP, where a sync would import it as a key of its own.
 */
export function destroyKey(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const key = await findKeyOr404(deps, { id: req.params.id });
    res.locals.audit = { action: "key.destroy", resourceType: "sap_key", resourceId: key.id };
    if (!key.gone) {
      const waited = await runDeleteJob(deps, req, key.id, true).catch((error: unknown) => {
        // Gone meanwhile (another delete finished): nothing left to delete on SAP.
        if (error instanceof JobError && error.code === "KEY_GONE") return null;
        throw error;
      });
      if (waited) {
        res.locals.audit.detail = { job_id: waited.job.id, state: waited.job.state };
        if (!waited.ended) return answerStillRunning(res, waited.job);
        if (waited.job.state === JobState.FAILED) return answerFailed(req, res, waited.job);
      }
    }
    await refuseIfHalfRestored(deps, key);
    const outcome = await dropKey(deps.db, key.id);
    if (outcome !== "destroyed") {
      throw refused("destroyKey", outcome);
    }
    req.log.info({ keyId: key.id }, "key destroyed");
    res.status(204).end();
  };
}

/** 409 when SAP holds a key of this key's name in its group that no other inventory key names. */
async function refuseIfHalfRestored(
  deps: AppDeps,
  key: { id: string; name: string; group: { sapGroupId: string } },
): Promise<void> {
  const client = await sapClientOfKey(deps, key.id);
  const named = await client.listAllKeys({ groupId: key.group.sapGroupId, name: key.name });
  // Any key of that name that no other inventory key names: a half-done restore, or this key itself.
  const others = new Set(
    await sapKeyIdsHeldByOthers(
      deps.db,
      named.map((k) => k.id),
      key.id,
    ),
  );
  const leftover = named.find((k) => !others.has(k.id));
  if (!leftover) return;
  throw new ApiError(
    409,
    `SAP holds a key named "${key.name}" in this key's group (${leftover.id}) that a restore of it left unfinished: ` +
      "restore the key to adopt it, or remove it on SAP, then send the DELETE again",
  );
}
