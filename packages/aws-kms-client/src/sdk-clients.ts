import { KMSClient, type KMSClientConfig } from "@aws-sdk/client-kms";
import type { AwsKmsClientOptions, AwsKmsConnection } from "./config.ts";
import { boundedRetryStrategy, type RetryPolicy, retryUnlessClientError, retryWhenNotReceived } from "./retry.ts";

export interface SdkClients {
  /** Retries everything but client errors (throttling, 5xx, timeouts, connection errors). */
  retrying: KMSClient;
  /** For CreateKey: retries only what KMS cannot have received, since it does not deduplicate creates. */
  unreceived: KMSClient;
}

/**
 * The SDK clients of one connection, on one connection pool: static credentials (nothing read from
 * the environment or profiles), a timeout per attempt, and the bounded retry strategy.
 */
export function sdkClients(connection: AwsKmsConnection, options: AwsKmsClientOptions): SdkClients {
  const maxAttempts = options.maxAttempts ?? 3;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const lookup = options.endpoints === undefined ? {} : { lookup: options.endpoints.lookup };
  const base: KMSClientConfig = {
    region: connection.region,
    ...(connection.endpoint !== undefined ? { endpoint: connection.endpoint } : {}),
    credentials: { accessKeyId: connection.accessKeyId, secretAccessKey: connection.secretAccessKey },
    maxAttempts,
    requestHandler: {
      requestTimeout: timeoutMs,
      throwOnRequestTimeout: true,
      connectionTimeout: Math.min(options.connectTimeoutMs ?? 5_000, timeoutMs),
      httpAgent: { keepAlive: true, ...lookup },
      httpsAgent: { keepAlive: true, ...lookup },
    },
  };
  const policy = (retryable: RetryPolicy["retryable"]): RetryPolicy => ({
    maxAttempts,
    baseDelayMs: options.retryBaseDelayMs ?? 100,
    maxDelayMs: options.retryMaxDelayMs ?? 2_000,
    retryable,
    ...(options.random !== undefined ? { random: options.random } : {}),
  });
  const retrying = new KMSClient({ ...base, retryStrategy: boundedRetryStrategy(policy(retryUnlessClientError)) });
  const unreceived = new KMSClient({
    ...base,
    requestHandler: retrying.config.requestHandler, // one connection pool for both
    retryStrategy: boundedRetryStrategy(policy(retryWhenNotReceived)),
  });
  return { retrying, unreceived };
}
