export type {
  AliasListEntry,
  KeyListEntry,
  KeyMetadata,
  KeySpec,
  KeyState,
  KeyUsageType,
  Tag,
} from "@aws-sdk/client-kms";
export { classifyError } from "./classify.ts";
export {
  AwsKmsClient,
  type KeyRotationStatus,
  type NewAwsKey,
  type ScheduledDeletion,
} from "./client.ts";
export {
  type AwsKmsClientOptions,
  type AwsKmsConnection,
  type AwsKmsLogger,
  connectionProblem,
  describeConnection,
  type EndpointGuard,
} from "./config.ts";
export { AWS_KMS_ERROR_CODES, AwsKmsError, type AwsKmsErrorCode, type AwsKmsErrorDetails } from "./errors.ts";
export { boundedRetryStrategy, type RetryPolicy, retryUnlessClientError, retryWhenNotReceived } from "./retry.ts";
