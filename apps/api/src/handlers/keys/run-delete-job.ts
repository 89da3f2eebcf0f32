import { enqueue, type Job, JobError, keyJobRef, sapKeyJobKind } from "@cckm/jobs";
import type { Request, Response } from "express";
import type { AppDeps } from "../../context.ts";
import { ApiError, errorBody } from "../../http/errors.ts";
import { KEY_JOB_WAIT_MS, type Waited, waitForJob } from "../../jobs/wait-for-job.ts";
import { jobResource } from "../jobs/job-resource.ts";

/**
 * A delete job for the key, submitted exactly as `POST /cckm/sap/keys/jobs` submits one (the same
 * statement: one active job per key, the same refusals), enqueued, then waited for. Returns the job
 * as it ended, or as it stands when the wait ran out. `KEY_GONE` is left to the caller.
 */
export async function runDeleteJob(
  deps: AppDeps,
  req: Request,
  keyId: string,
  deleteIfBackupFails: boolean,
): Promise<Waited> {
  const principal = req.principal as NonNullable<typeof req.principal>;
  const job = await deps.submitJob({
    keyId,
    operation: "delete",
    deleteIfBackupFails,
    creatorId: principal.userId,
    creatorName: principal.username,
  });
  await enqueue(deps.queues, sapKeyJobKind, keyJobRef(job), req.log);
  deps.metrics.jobsSubmitted.inc({ operation: job.operation });
  req.log.info({ jobId: job.id, keyId, operation: job.operation }, "delete job submitted; waiting for it");
  return waitForJob(deps, job, deps.config.keyJobWaitMs ?? KEY_JOB_WAIT_MS);
}

/** A refusal of the submission as the API answers it (404 unknown key, 409 otherwise). */
export function submissionRefusal(error: unknown): unknown {
  if (error instanceof JobError) return new ApiError(error.code === "KEY_NOT_FOUND" ? 404 : 409, error.message);
  return error;
}

/** 202 with the job: still running when the wait ran out; poll `GET /cckm/sap/keys/jobs/{id}`. */
export function answerStillRunning(res: Response, job: Job): void {
  res.status(202).json(jobResource(job));
}

/**
 * A FAILED delete job as an error: 409 when the backup failed (the key is kept, as the job says), 502
 * for anything else (SAP or the queue failed it). The body names the job and its `error_code`.
 */
export function answerFailed(req: Request, res: Response, job: Job): void {
  const status = job.errorCode === "BACKUP_FAILED" ? 409 : 502;
  const message = `delete job ${job.id} failed (${job.errorCode ?? "FAILED"}): ${job.error ?? "no reason recorded"}`;
  res.status(status).json({ ...errorBody(status, message, req.requestId), job_id: job.id, error_code: job.errorCode });
}
