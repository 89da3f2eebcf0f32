import { awsKeyResourceSchema } from "../handlers/aws/aws-key-resource.ts";
import { awsKmsResourceSchema } from "../handlers/aws/aws-kms-resource.ts";
import { AWS_SYNC_JOBS, awsSyncResourceSchema } from "../handlers/aws/aws-sync-resource.ts";
import { changeAwsKey, scheduleBody } from "../handlers/aws/change-aws-key.ts";
import * as createKeySchemas from "../handlers/aws/create-aws-key.ts";
import { createAwsKey } from "../handlers/aws/create-aws-key.ts";
import * as createKmsSchemas from "../handlers/aws/create-aws-kms.ts";
import { createAwsKms } from "../handlers/aws/create-aws-kms.ts";
import * as createSyncSchemas from "../handlers/aws/create-aws-sync-job.ts";
import { createAwsSyncJob } from "../handlers/aws/create-aws-sync-job.ts";
import { deleteAwsKms } from "../handlers/aws/delete-aws-kms.ts";
import * as accountsSchemas from "../handlers/aws/get-aws-accounts.ts";
import { getAwsAccounts } from "../handlers/aws/get-aws-accounts.ts";
import { getAwsKey } from "../handlers/aws/get-aws-key.ts";
import { getAwsKms } from "../handlers/aws/get-aws-kms.ts";
import * as listKeysSchemas from "../handlers/aws/list-aws-keys.ts";
import { listAwsKeys } from "../handlers/aws/list-aws-keys.ts";
import * as listKmsSchemas from "../handlers/aws/list-aws-kms.ts";
import { listAwsKms } from "../handlers/aws/list-aws-kms.ts";
import { AWS_SYNC_JOB_LIST } from "../handlers/aws/list-aws-sync-jobs.ts";
import * as updateKmsSchemas from "../handlers/aws/update-aws-kms.ts";
import { updateAwsKms } from "../handlers/aws/update-aws-kms.ts";
import { cancelSyncJob } from "../handlers/sync/cancel-sync-job.ts";
import { getSyncJob } from "../handlers/sync/get-sync-job.ts";
import { listOf } from "../http/list.ts";
import { listResources } from "../http/list-resources.ts";
import type { RouteDef } from "./route-def.ts";

const KMS = "/cckm/aws/kms";
const SYNC_JOBS = "/cckm/aws/synchronization-jobs";
const KEYS = "/cckm/aws/keys";

const keyAction = (action: "enable" | "disable" | "cancel-deletion" | "refresh", summary: string): RouteDef => ({
  method: "post",
  path: `${KEYS}/:id/${action}`,
  access: "write",
  summary,
  responses: { 200: awsKeyResourceSchema },
  handler: (s) => changeAwsKey(s.deps, action),
});

/** The CCKM AWS area (issue 15): KMS accounts, synchronization, keys. Static paths before parameterised ones. */
export const awsRoutes: RouteDef[] = [
  {
    method: "post",
    path: "/cckm/aws/accounts",
    access: "write",
    summary: "The AWS account id and regions behind a connection",
    body: accountsSchemas.body,
    responses: { 200: accountsSchemas.accountsAnswer },
    handler: (s) => getAwsAccounts(s.deps),
  },
  {
    method: "post",
    path: KMS,
    access: "write",
    summary: "Add an AWS KMS (an account and its regions behind a connection)",
    body: createKmsSchemas.body,
    responses: { 201: awsKmsResourceSchema },
    handler: (s) => createAwsKms(s.deps),
  },
  {
    method: "get",
    path: KMS,
    access: "read",
    summary: "List AWS KMS resources",
    query: listKmsSchemas.query,
    responses: { 200: listOf(awsKmsResourceSchema) },
    handler: (s) => listAwsKms(s.deps),
  },
  {
    method: "get",
    path: `${KMS}/:id`,
    access: "read",
    summary: "Get an AWS KMS resource",
    responses: { 200: awsKmsResourceSchema },
    handler: (s) => getAwsKms(s.deps),
  },
  {
    method: "patch",
    path: `${KMS}/:id`,
    access: "write",
    summary: "Update an AWS KMS resource",
    body: updateKmsSchemas.body,
    responses: { 200: awsKmsResourceSchema },
    handler: (s) => updateAwsKms(s.deps),
  },
  {
    method: "delete",
    path: `${KMS}/:id`,
    access: "write",
    summary: "Delete an AWS KMS resource (refused while it has keys)",
    responses: { 204: null },
    handler: (s) => deleteAwsKms(s.deps),
  },
  {
    method: "post",
    path: SYNC_JOBS,
    access: "write",
    summary: "Start a synchronization of AWS keys (kms list or synchronize_all)",
    body: createSyncSchemas.body,
    responses: { 201: awsSyncResourceSchema },
    handler: (s) => createAwsSyncJob(s.deps),
  },
  {
    method: "get",
    path: SYNC_JOBS,
    access: "read",
    summary: "List AWS synchronization jobs",
    query: AWS_SYNC_JOB_LIST.query,
    responses: { 200: listOf(awsSyncResourceSchema) },
    handler: (s) => listResources(s.deps, AWS_SYNC_JOB_LIST),
  },
  {
    method: "get",
    path: `${SYNC_JOBS}/:id`,
    access: "read",
    summary: "Get an AWS synchronization job",
    responses: { 200: awsSyncResourceSchema },
    handler: (s) => getSyncJob(s.deps, AWS_SYNC_JOBS),
  },
  {
    method: "post",
    path: `${SYNC_JOBS}/:id/cancel`,
    access: "write",
    summary: "Cancel an AWS synchronization (it stops before its next region and ends completed)",
    responses: { 200: awsSyncResourceSchema },
    handler: (s) => cancelSyncJob(s.deps, AWS_SYNC_JOBS),
  },
  {
    method: "post",
    path: KEYS,
    access: "write",
    summary: "Create an AWS key in a KMS and region",
    body: createKeySchemas.body,
    responses: { 201: awsKeyResourceSchema },
    handler: (s) => createAwsKey(s.deps),
  },
  {
    method: "get",
    path: KEYS,
    access: "read",
    summary: "List AWS keys",
    query: listKeysSchemas.query,
    responses: { 200: listOf(awsKeyResourceSchema) },
    handler: (s) => listAwsKeys(s.deps),
  },
  {
    method: "get",
    path: `${KEYS}/:id`,
    access: "read",
    summary: "Get an AWS key",
    responses: { 200: awsKeyResourceSchema },
    handler: (s) => getAwsKey(s.deps),
  },
  keyAction("enable", "Enable an AWS key (KeyState Enabled)"),
  keyAction("disable", "Disable an AWS key (KeyState Disabled)"),
  keyAction("cancel-deletion", "Cancel an AWS key's scheduled deletion (it lands in KeyState Disabled)"),
  {
    method: "post",
    path: `${KEYS}/:id/schedule-deletion`,
    access: "write",
    summary: "Schedule an AWS key's deletion in 7 to 30 days (KeyState PendingDeletion)",
    body: scheduleBody,
    responses: { 200: awsKeyResourceSchema },
    handler: (s) => changeAwsKey(s.deps, "schedule-deletion"),
  },
  keyAction("refresh", "Re-read an AWS key from AWS and store what it answered"),
];
