import { AwsKmsError } from "@cckm/aws-kms-client";
import { type Db, SYNC_ACTIVE_STATUS } from "@cckm/db";
import { type AwsClients, runAwsSync } from "@cckm/inventory";
import { z } from "zod";
import { PermanentError, TransientError } from "../engine/errors.ts";
import { defineKind, type JobRef } from "../engine/kind.ts";
import { awsAbortRequested, endAwsSync } from "./aws/aws-sync-sql.ts";

/** The queue of AWS synchronizations (one per kind). */
export const AWS_SYNC_JOBS_QUEUE = "aws-sync-jobs";
/** Its payload: the row's id, nothing else. */
export const awsSyncJobPayload = z.strictObject({ awsSyncJobId: z.uuid() });
const AWS_SYNC_ATTEMPTS = 3;

/** What an AWS synchronization needs from the worker process. */
export interface AwsSyncServices {
  db: Db;
  awsClients: AwsClients;
}

interface ClaimedAwsSync {
  id: string;
  abort: boolean;
  targets: { id: string; name: string; regions: string[] }[];
}

export const awsSyncRef = (id: string): JobRef => ({ id, queueJobId: id, name: "aws-sync" });

/** An AWS error as the engine reads it: transient ones are retried, the others end the job. */
function engineError(error: unknown): unknown {
  if (!(error instanceof AwsKmsError)) return error;
  const code = `AWS_${error.code}`;
  return error.transient ? new TransientError(code, error.message) : new PermanentError(code, error.message);
}

/**
 * A synchronization of AWS KMS accounts into the inventory (`aws_sync_jobs`, queue `aws-sync-jobs`).
 * Rows are `in_progress` from their creation; the run imports every region of every KMS resource
 * (packages/inventory's runAwsSync: upserts by (kms, region, KeyId), marks vanished keys gone) and
 * ends the row in one guarded statement. A cancel is honoured before the run and between regions.
 */
export const awsSyncKind = defineKind<{ awsSyncJobId: string }, ClaimedAwsSync, AwsSyncServices>({
  name: "aws-sync",
  logField: "syncJobId",
  queue: AWS_SYNC_JOBS_QUEUE,
  payload: awsSyncJobPayload,
  idOf: (payload) => payload.awsSyncJobId,
  payloadOf: (id) => ({ awsSyncJobId: id }),
  attempts: () => AWS_SYNC_ATTEMPTS,
  concurrency: (n) => Math.max(1, Math.min(4, n)),
  table: {
    name: "aws_sync_jobs",
    queueJobId: "id::text",
    jobName: "'aws-sync'",
    active: `overall_status = '${SYNC_ACTIVE_STATUS}'`,
  },
  async claim(_db, id, _actor, services) {
    const row = await services.db.awsSyncJob.findUnique({
      where: { id },
      include: { kms: { select: { kms: { select: { id: true, name: true, regions: true } } } } },
    });
    if (!row) return { outcome: "missing" };
    if (row.overallStatus !== SYNC_ACTIVE_STATUS) return { outcome: "finished" };
    return { outcome: "claimed", claimed: { id: row.id, abort: row.abort, targets: row.kms.map((k) => k.kms) } };
  },
  async run(sync, { services, db, log }) {
    if (sync.abort) return endAwsSync(db, sync.id, { status: "completed", details: { kms: [] }, error: null });
    let details: Awaited<ReturnType<typeof runAwsSync>>;
    try {
      details = await runAwsSync(services.db, services.awsClients, sync.targets, {
        stopRequested: () => awsAbortRequested(db, sync.id),
      });
    } catch (error) {
      throw engineError(error);
    }
    log.info({ kms: details.kms.length }, "aws sync finished");
    return endAwsSync(db, sync.id, { status: "completed", details, error: null });
  },
  fail: (db, id, _actor, failure) =>
    endAwsSync(db, id, { status: "failed", details: null, error: `${failure.code}: ${failure.message}` }),
});
