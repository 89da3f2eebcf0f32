import type { CloudName } from "@cckm/inventory";
import { type AnyJobKind, type CancelSyncOutcome, enqueue, JobError, type JobRef } from "@cckm/jobs";
import type { Logger } from "@cckm/log";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import type { AuditNote } from "../../http/request-types.ts";
import { KIND, resourceBase, resourceBaseShape } from "../../http/resource.ts";

/**
 * One cloud's synchronization jobs as the shared sync-job routes see them (get, cancel, the answer
 * after a create): how a row is read and shown, how a cancel is asked (the cloud's sync kind's
 * statement, packages/jobs), and what the audit log calls it.
 */
export interface CloudSyncJobs<Row> {
  cloud: CloudName;
  /** The cloud's sync kind (packages/jobs `defineSyncKind`) and the queue job of a row. */
  kind: AnyJobKind;
  ref(id: string): JobRef;
  find(deps: AppDeps, id: string): Promise<Row | null>;
  cancel(deps: AppDeps, id: string): Promise<CancelSyncOutcome>;
  resource(row: Row): unknown;
  audit: { cancel: string; resourceType: string };
}

/** The synchronization job of that id in the cloud's table, or a 404. */
export async function findSyncJobOr404<Row>(deps: AppDeps, jobs: CloudSyncJobs<Row>, id: string): Promise<Row> {
  const row = await jobs.find(deps, id);
  if (!row) throw new ApiError(404, `synchronization job ${id} not found`);
  return row;
}

/**
 * Starts a sync job the cloud's submit statement recorded: a second running one (JOB_ACTIVE) is a 409
 * saying `busy`; the answer is the job as committed (in_progress), read before the worker can take
 * it; then, and only then, it is enqueued (a failed add is the reconciler's).
 */
export async function startSyncJob<Row>(
  deps: AppDeps,
  context: { audit: AuditNote; log: Logger },
  jobs: CloudSyncJobs<Row>,
  submit: () => Promise<string>,
  busy: string,
): Promise<unknown> {
  const id = await submit().catch((error: unknown) => {
    if (error instanceof JobError && error.code === "JOB_ACTIVE") throw new ApiError(409, busy);
    throw error;
  });
  context.audit.resourceId = id;
  const row = await findSyncJobOr404(deps, jobs, id);
  await enqueue(deps.queues, jobs.kind, jobs.ref(id), context.log);
  return jobs.resource(row);
}

/** Constants CipherTrust puts in every synchronization job (D-SYNC-POST-staging). */
const APPLICATION = "ncryptify:gemalto:admin:apps:kylo";
const DEV_ACCOUNT = "ncryptify:gemalto:admin:accounts:gemalto";

/** The fields of every cloud's synchronization job (the sync-job family); each cloud adds its containers. */
export const syncJobBaseShape = {
  ...resourceBaseShape,
  application: z.string(),
  devAccount: z.string(),
  synchronize_all: z.boolean(),
  overall_status: z.string().meta({ examples: ["in_progress", "completed", "failed"] }),
  detailed_status: z.record(z.string(), z.string()),
  details: z.unknown(),
  error: z.string().nullable(),
  abort: z.boolean().meta({ description: "a cancel was asked for; the job stops before its next container" }),
  creator_id: z.string(),
  creator_name: z.string(),
  completed_at: z.iso.datetime().nullable(),
};

/** The columns every sync job table has (the shared sync-job statements' columns). */
export interface SyncJobColumns {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  synchronizeAll: boolean;
  overallStatus: string;
  details: unknown;
  error: string | null;
  abort: boolean;
  creatorId: string;
  creatorName: string;
  completedAt: Date | null;
}

/** The shared fields of a sync job's answer; `detailedStatus` is each container's status by name. */
export function syncJobBase(row: SyncJobColumns, detailedStatus: Record<string, string>) {
  return {
    ...resourceBase(KIND.sync, row),
    application: APPLICATION,
    devAccount: DEV_ACCOUNT,
    synchronize_all: row.synchronizeAll,
    overall_status: row.overallStatus,
    detailed_status: detailedStatus,
    details: row.details,
    error: row.error,
    abort: row.abort,
    creator_id: row.creatorId,
    creator_name: row.creatorName,
    completed_at: row.completedAt?.toISOString() ?? null,
  };
}
