import type { AnyJobKind } from "../engine/kind.ts";
import { awsSyncKind } from "./aws-sync.ts";
import { ociSyncKind } from "./oci-sync.ts";
import { sapKeyJobKind } from "./sap-key-job.ts";
import { sapSyncKind } from "./sap-sync.ts";

/**
 * The registered job kinds. The worker runs a BullMQ worker for each, the reconciler walks each, Bull
 * Board shows each queue's id-only payloads. A new kind is its file and a line here; a new cloud's sync is `defineSyncKind(itsProvider, …)`.
 */
export const JOB_KINDS: readonly AnyJobKind[] = [sapKeyJobKind, sapSyncKind, awsSyncKind, ociSyncKind];

/** The kind whose queue this is, if any. */
export const kindOfQueue = (queue: string): AnyJobKind | undefined => JOB_KINDS.find((k) => k.queue === queue);

export { ONE_RUNNING_PER_KMS, type SubmitAwsSyncInput, submitAwsSync } from "./aws/aws-sync-sql.ts";
export {
  AWS_SYNC_JOBS_QUEUE,
  type AwsSyncServices,
  awsSyncJobPayload,
  awsSyncKind,
  awsSyncRef,
  cancelAwsSync,
} from "./aws-sync.ts";
export {
  type CancelSyncOutcome,
  type SyncEnd,
  type SyncJobStatements,
  syncJobStatements,
} from "./cloud-sync/sync-job-sql.ts";
export { defineSyncKind, type SyncKind, type SyncKindSpec } from "./cloud-sync/sync-kind.ts";
export { ONE_RUNNING_OCI_SYNC, type SubmitOciSyncInput, submitOciSync } from "./oci/oci-sync-sql.ts";
export {
  cancelOciSync,
  OCI_SYNC_JOBS_QUEUE,
  type OciSyncServices,
  ociSyncJobPayload,
  ociSyncKind,
  ociSyncRef,
} from "./oci-sync.ts";
export { keyJobRef, type SapKeyJobServices, sapKeyJobKind } from "./sap-key-job.ts";
export { cancelSync, type SapSyncServices, sapSyncKind, syncRef } from "./sap-sync.ts";
export { ONE_RUNNING_PER_CONNECTION, type SubmitSyncInput, submitSync } from "./sync/submit-sync.ts";
