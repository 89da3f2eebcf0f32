import { setTimeout as sleep } from "node:timers/promises";
import type { OciKmsLogger } from "./config.ts";
import { errorFromSdk } from "./errors.ts";

export interface RetrySettings {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Exponential back-off with full jitter: a delay in [d/2, d], d = base * 2^(retry - 1), bounded. */
export function retryDelayMs(settings: RetrySettings, retry: number, random = Math.random): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Runs `attempt` until it succeeds, fails permanently, or `maxAttempts` ran out; what it throws is
 * classified into an OciKmsError whose `attempts` says how many were made. Calls that change
 * something send the same `opc-retry-token` on every attempt, so a retry after a lost answer is
 * answered as the first request was, never done twice.
 */
export async function withRetries<T>(
  operation: string,
  settings: RetrySettings,
  attempt: () => Promise<T>,
  options: { redact: (text: string) => string; logger?: OciKmsLogger | undefined },
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (thrown) {
      const error = errorFromSdk(operation, thrown, options.redact);
      error.attempts = n;
      if (!error.transient || n >= settings.maxAttempts) {
        if (n > 1) error.message = `${error.message} (after ${n} attempts)`;
        throw error;
      }
      const delayMs = retryDelayMs(settings, n);
      options.logger?.warn(
        { operation, attempt: n, code: error.code, status: error.status, delayMs },
        "OCI KMS call failed; retrying",
      );
      if (delayMs > 0) await sleep(delayMs);
    }
  }
}
