import { JobState } from "@cckm/jobs";
import type { RequestHandler } from "express";
import type { AppDeps } from "../../context.ts";
import { findKeyOr404 } from "./find-key.ts";
import { keyResource } from "./key-resource.ts";
import { answerFailed, answerStillRunning, runDeleteJob } from "./run-delete-job.ts";

/**
 * `POST /cckm/sap/keys/{id}/delete`: deletes the key from SAP and keeps its backup, synchronously.
 * It runs as a delete job (`delete_if_backup_fails: false`), so every guarantee of the job holds;
 * DONE answers the key (gone, backup held), FAILED an error naming the job's `error_code`, and a wait
 * that runs out 202 with the job to poll.
 */
export function deleteKeyOnSap(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const key = await findKeyOr404(deps, { id: req.params.id });
    res.locals.audit = { action: "key.delete_on_sap", resourceType: "sap_key", resourceId: key.id };
    // A refusal of the submission (a JobError) is answered by the domain-error table: 404 or 409.
    const { job, ended } = await runDeleteJob(deps, req, key.id, false);
    res.locals.audit.detail = { job_id: job.id, state: job.state };
    if (!ended) return answerStillRunning(res, job);
    if (job.state === JobState.FAILED) return answerFailed(req, res, job);
    res.json(keyResource(await findKeyOr404(deps, { id: key.id })));
  };
}
