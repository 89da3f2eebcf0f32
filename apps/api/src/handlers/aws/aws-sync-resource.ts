import type { AwsSyncJobView } from "@cckm/inventory";
import { z } from "zod";
import { resourceBase, resourceBaseShape } from "../../http/resource.ts";
import { AWS_KIND } from "./aws-kinds.ts";

const APPLICATION = "ncryptify:gemalto:admin:apps:kylo";
const DEV_ACCOUNT = "ncryptify:gemalto:admin:accounts:gemalto";

/** The answer's schema of an AWS synchronization job (OpenAPI). */
export const awsSyncResourceSchema = z.object({
  ...resourceBaseShape,
  application: z.string(),
  devAccount: z.string(),
  kms: z.array(z.string()),
  kms_ids: z.array(z.string()),
  synchronize_all: z.boolean(),
  overall_status: z.string().meta({ examples: ["in_progress", "completed", "failed"] }),
  detailed_status: z.record(z.string(), z.string()),
  details: z.unknown(),
  error: z.string().nullable(),
  abort: z.boolean(),
  creator_id: z.string(),
  creator_name: z.string(),
  completed_at: z.iso.datetime().nullable(),
});

export type AwsSyncResource = z.output<typeof awsSyncResourceSchema>;

/** An AWS synchronization job as CipherTrust draws the sync-job family; `detailed_status` by KMS name. */
export function awsSyncResource(row: AwsSyncJobView): AwsSyncResource {
  const kms = row.kms.map((k) => k.kms);
  const status = Object.fromEntries(kms.map((k) => [k.name, row.overallStatus as string]));
  return {
    ...resourceBase(AWS_KIND.sync, row),
    application: APPLICATION,
    devAccount: DEV_ACCOUNT,
    kms: kms.map((k) => k.name),
    kms_ids: kms.map((k) => k.id),
    synchronize_all: row.synchronizeAll,
    overall_status: row.overallStatus,
    detailed_status: status,
    details: row.details,
    error: row.error,
    abort: row.abort,
    creator_id: row.creatorId,
    creator_name: row.creatorName,
    completed_at: row.completedAt?.toISOString() ?? null,
  };
}
