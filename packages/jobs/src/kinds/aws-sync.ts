import type { Db } from "@cckm/db";
import { type AwsClients, awsProvider } from "@cckm/inventory";
import { z } from "zod";
import { defineSyncKind } from "./cloud-sync/sync-kind.ts";

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

/**
 * A synchronization of AWS KMS accounts into the inventory (`aws_sync_jobs`, queue `aws-sync-jobs`):
 * the one sync mechanism over the AWS provider (runAwsSync: upserts by (kms, region, KeyId), marks
 * vanished keys gone). A cancel is honoured before the run and between regions; the end releases the
 * job's KMS resources.
 */
const awsSync = defineSyncKind(awsProvider, {
  queue: AWS_SYNC_JOBS_QUEUE,
  payload: awsSyncJobPayload,
  idOf: (payload) => payload.awsSyncJobId,
  payloadOf: (id) => ({ awsSyncJobId: id }),
  attempts: () => AWS_SYNC_ATTEMPTS,
  clientsOf: (services: AwsSyncServices) => services.awsClients,
});

export const awsSyncKind = awsSync.kind;
export const awsSyncRef = awsSync.ref;
/** Asks a running AWS sync to stop (it stops before its next region and ends completed). */
export const cancelAwsSync = awsSync.statements.cancel;
