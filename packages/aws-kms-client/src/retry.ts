import type { KMSClientConfig } from "@aws-sdk/client-kms";

/** The SDK's retry strategy interface (smithy's RetryStrategyV2), as KMSClientConfig takes it. */
export type SdkRetryStrategy = Extract<
  NonNullable<KMSClientConfig["retryStrategy"]>,
  { acquireInitialRetryToken: unknown }
>;
type RetryToken = Awaited<ReturnType<SdkRetryStrategy["acquireInitialRetryToken"]>>;
type RetryErrorInfo = Parameters<SdkRetryStrategy["refreshRetryTokenForRetry"]>[1];
export type RetryErrorType = RetryErrorInfo["errorType"];

export interface RetryPolicy {
  /** Attempts in all, the first included (1: never retried). */
  maxAttempts: number;
  /** Backoff before retry n: a random share (full jitter) of min(maxDelayMs, baseDelayMs * 2^(n-1)). */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * Whether a failure may be sent again, from the SDK's classification (THROTTLING, TRANSIENT,
   * SERVER_ERROR, CLIENT_ERROR) and the error itself.
   */
  retryable(errorType: RetryErrorType, error: unknown): boolean;
  /** [0, 1); Math.random by default. */
  random?: () => number;
}

/** Retried for reads and for changes that come to the same end when repeated. */
export const retryUnlessClientError = (type: RetryErrorType) => type !== "CLIENT_ERROR";

/**
 * Retried only when the service cannot have acted on the request: it throttled it, or no connection
 * was made. For CreateKey, which AWS KMS does not deduplicate: a second one after a lost answer would
 * make a second key.
 */
export function retryWhenNotReceived(type: RetryErrorType, error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return type === "THROTTLING" || code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN";
}

const token = (count: number, delay: number): RetryToken => ({
  getRetryCount: () => count,
  getRetryDelay: () => delay,
});

/**
 * A bounded retry strategy for the SDK's retry middleware: at most `maxAttempts` sends, exponential
 * backoff with full jitter (and at least a Retry-After hint, capped), the failures `retryable` allows.
 * Refusing a retry makes the middleware throw the last error, with `$metadata.attempts` set.
 */
export function boundedRetryStrategy(policy: RetryPolicy): SdkRetryStrategy {
  const random = policy.random ?? Math.random;
  return {
    acquireInitialRetryToken: async () => token(0, 0),
    refreshRetryTokenForRetry: async (previous, info) => {
      const sent = previous.getRetryCount() + 1;
      if (sent >= policy.maxAttempts || !policy.retryable(info.errorType, info.error)) {
        throw info.error ?? new Error("not retried");
      }
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (sent - 1));
      let delay = Math.floor(random() * ceiling);
      if (info.retryAfterHint instanceof Date) {
        delay = Math.max(delay, Math.min(info.retryAfterHint.getTime() - Date.now(), policy.maxDelayMs));
      }
      return token(sent, Math.max(0, delay));
    },
    recordSuccess: () => {},
  };
}
