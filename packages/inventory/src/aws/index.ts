export { AwsClients, type AwsClientsOptions } from "./aws-clients.ts";
export {
  AWS_CONNECTION_VIEW,
  type AwsConnectionFields,
  type AwsConnectionFilter,
  type AwsConnectionRef,
  type AwsConnectionSortField,
  type AwsConnectionView,
  addAwsConnection,
  awsCredentialsOf,
  changeAwsConnection,
  countAwsConnections,
  deleteAwsConnection,
  findAwsConnection,
  findStoredAwsConnection,
  listAwsConnections,
  type NewAwsConnection,
  recordAwsConnectionTest,
  type StoredAwsConnection,
} from "./aws-connections.ts";
export { type AwsKeyAction, changeAwsKey } from "./aws-key-actions.ts";
export { createAwsKey } from "./aws-key-create.ts";
export {
  AWS_KEY_VIEW,
  type AwsKeyFilter,
  type AwsKeySortField,
  type AwsKeyView,
  countAwsKeys,
  findAwsKey,
  listAwsKeys,
} from "./aws-key-reads.ts";
export { type AwsKeySnapshot, readAwsKey } from "./aws-key-snapshot.ts";
export { upsertAwsKey } from "./aws-key-writes.ts";
export {
  AWS_KMS_VIEW,
  type AwsKmsFilter,
  type AwsKmsRef,
  type AwsKmsSortField,
  type AwsKmsView,
  addAwsKms,
  allAwsKms,
  changeAwsKms,
  countAwsKms,
  deleteAwsKms,
  findAwsKms,
  findAwsKmsList,
  kmsConnection,
  listAwsKms,
  type NewAwsKms,
} from "./aws-kms.ts";
export { type AwsSyncRun, awsProvider } from "./aws-provider.ts";
export {
  type AwsKmsSyncDetail,
  type AwsRegionSyncDetail,
  type AwsSyncDetails,
  type AwsSyncTarget,
  runAwsSync,
} from "./aws-sync.ts";
export {
  AWS_SYNC_JOB_VIEW,
  type AwsSyncJobFilter,
  type AwsSyncJobSortField,
  type AwsSyncJobView,
  countAwsSyncJobs,
  findAwsSyncJob,
  listAwsSyncJobs,
} from "./aws-sync-reads.ts";
