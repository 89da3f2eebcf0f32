import { allAwsKms, findAwsKmsList } from "@cckm/inventory";
import { submitAwsSync } from "@cckm/jobs";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { parse } from "../../http/validate.ts";
import { startSyncJob } from "../sync/cloud-sync-jobs.ts";
import { AWS_SYNC_JOBS } from "./aws-sync-resource.ts";

export const body = z
  .object({
    kms: z.array(z.string().min(1).max(256)).min(1).max(100).nullish(),
    synchronize_all: z.boolean().nullish(),
  })
  .refine((b) => !(b.kms && b.synchronize_all), { message: "kms and synchronize_all are mutually exclusive" })
  .refine((b) => b.kms != null || b.synchronize_all === true, { message: "give kms, or synchronize_all: true" });

/**
 * `POST /cckm/aws/synchronization-jobs`: records the job (in_progress) with its KMS resources, then
 * hands its id to the worker (kind `aws-sync`). 409 while one of the KMS is being synchronized.
 */
export function createAwsSyncJob(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body ?? {}, "body");
    const kms = input.kms ? await findAwsKmsList(deps.db, input.kms) : await allAwsKms(deps.db);
    if (input.kms) {
      const known = new Set(kms.flatMap((k) => [k.id, k.name]));
      const missing = input.kms.filter((k) => !known.has(k));
      if (missing.length > 0) throw new ApiError(400, `body.kms: KMS ${missing.join(", ")} not found`);
    }
    if (kms.length === 0) throw new ApiError(400, "no KMS to synchronize: add one first (POST /cckm/aws/kms)");
    res.locals.audit = {
      action: "aws_sync.create",
      resourceType: "aws_synchronization_job",
      detail: { kms: kms.map((k) => k.name) },
    };
    const principal = req.principal as NonNullable<typeof req.principal>;
    const submit = () =>
      submitAwsSync(deps.pool, {
        kmsIds: kms.map((k) => k.id),
        synchronizeAll: input.synchronize_all === true,
        creatorId: principal.userId,
        creatorName: principal.username,
      });
    const busy = "a synchronization of one of these KMS is already running";
    const context = { audit: res.locals.audit, log: req.log };
    res.status(201).json(await startSyncJob(deps, context, AWS_SYNC_JOBS, submit, busy));
  };
}
