import { type AwsSyncJobView, findAwsSyncJob } from "@cckm/inventory";
import { awsSyncKind, awsSyncRef, cancelAwsSync } from "@cckm/jobs";
import { z } from "zod";
import { type CloudSyncJobs, syncJobBase, syncJobBaseShape } from "../sync/cloud-sync-jobs.ts";

/** The answer's schema of an AWS synchronization job (OpenAPI). */
export const awsSyncResourceSchema = z.object({
  ...syncJobBaseShape,
  kms: z.array(z.string()),
  kms_ids: z.array(z.string()),
});

export type AwsSyncResource = z.output<typeof awsSyncResourceSchema>;

/** An AWS synchronization job as CipherTrust draws the sync-job family; `detailed_status` by KMS name. */
export function awsSyncResource(row: AwsSyncJobView): AwsSyncResource {
  const kms = row.kms.map((k) => k.kms);
  const status = Object.fromEntries(kms.map((k) => [k.name, row.overallStatus as string]));
  return { ...syncJobBase(row, status), kms: kms.map((k) => k.name), kms_ids: kms.map((k) => k.id) };
}

/** AWS's synchronization jobs, as the shared sync-job routes see them. */
export const AWS_SYNC_JOBS: CloudSyncJobs<AwsSyncJobView> = {
  cloud: "aws",
  kind: awsSyncKind,
  ref: awsSyncRef,
  find: (deps, id) => findAwsSyncJob(deps.db, id),
  cancel: (deps, id) => cancelAwsSync(deps.pool, id),
  resource: awsSyncResource,
  audit: { cancel: "aws_sync.cancel", resourceType: "aws_synchronization_job" },
};
