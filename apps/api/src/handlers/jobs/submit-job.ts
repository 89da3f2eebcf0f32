import { enqueue, JobError, keyJobRef, sapKeyJobKind } from "@cckm/jobs";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { parse } from "../../http/validate.ts";
import { jobResource } from "./job-resource.ts";

export const body = z.object({
  id: z.uuid({ message: "must be the resource id (a UUID) of a key of the inventory" }),
  operation: z.enum(["delete", "restore"]),
  delete_if_backup_fails: z.boolean().optional(),
});

/**
 * `POST /cckm/sap/keys/jobs`: the job is committed PENDING first, then its id goes to the queue.
 * If the queue cannot be reached the job stays PENDING and the reconciler enqueues it.
 */
export function submitJob(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    const audit = {
      action: `job.${input.operation}.submit`,
      resourceType: "sap_job",
      detail: { cckm_key_id: input.id, delete_if_backup_fails: input.delete_if_backup_fails ?? false },
    };
    res.locals.audit = audit;
    const principal = req.principal as NonNullable<typeof req.principal>;
    const job = await deps
      .submitJob({
        keyId: input.id,
        operation: input.operation,
        deleteIfBackupFails: input.delete_if_backup_fails ?? false,
        creatorId: principal.userId,
        creatorName: principal.username,
        // The success's audit record commits with the job; a refusal's is written by the audit trail.
        audit: { requestId: req.requestId, action: audit.action, status: 201, detail: audit.detail },
      })
      .catch((error: unknown) => {
        if (error instanceof JobError) throw new ApiError(error.code === "KEY_NOT_FOUND" ? 404 : 409, error.message);
        throw error;
      });
    res.locals.audit = { ...audit, resourceId: job.id, recorded: true };
    await enqueue(deps.queues, sapKeyJobKind, keyJobRef(job), req.log);
    deps.metrics.jobsSubmitted.inc({ operation: job.operation });
    req.log.info({ jobId: job.id, keyId: job.cckmKeyId, operation: job.operation }, "job submitted");
    res.status(201).json(jobResource(job));
  };
}
