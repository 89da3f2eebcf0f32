import { sapProvider } from "@cckm/inventory";
import { JOB_STATES, type KeyJob } from "@cckm/jobs";
import { z } from "zod";
import { resourceBase, resourceBaseShape } from "../../http/resource.ts";

/** The answer's schema of a key job (OpenAPI); `jobResource` is typed by it. */
export const jobResourceSchema = z.object({
  ...resourceBaseShape,
  cckm_key_id: z.string(),
  group_id: z.string(),
  job_id: z.string(),
  key_id: z.string(),
  operation: z.enum(["delete", "restore"]),
  creator_id: z.string(),
  creator_name: z.string(),
  state: z.enum(JOB_STATES),
  delete_if_backup_fails: z.boolean(),
  backup_status: z.string(),
  completed_at: z.iso.datetime().optional(),
  error: z.string().optional(),
  error_code: z.string().optional(),
});

export type JobResource = z.output<typeof jobResourceSchema>;

/** The job resource of the seed, field for field, plus our fields once they apply. */
export function jobResource(row: KeyJob): JobResource {
  return {
    ...resourceBase(sapProvider.keyJobs.uriKind, row),
    cckm_key_id: row.cckmKeyId,
    group_id: row.groupId,
    job_id: row.queueJobId,
    key_id: row.sapKeyId,
    operation: row.operation,
    creator_id: row.creatorId,
    creator_name: row.creatorName,
    state: row.state,
    delete_if_backup_fails: row.deleteIfBackupFails,
    backup_status: row.backupStatus,
    ...(row.completedAt ? { completed_at: row.completedAt.toISOString() } : {}),
    ...(row.error !== null ? { error: row.error } : {}),
    ...(row.errorCode !== null ? { error_code: row.errorCode } : {}),
  };
}
