import type { BackoffStrategy } from "bullmq";

/** The backoff type our jobs use; the worker registers `sapBackoff` for it. */
export const SAP_BACKOFF = "sap";

const MAX_DELAY_MS = 5 * 60_000;

/**
 * Exponential backoff with full jitter on the upper half (base·2^(n-1) · [0.5, 1)), capped at five
 * minutes, and never shorter than the server's Retry-After when the error carries one.
 */
export function sapBackoff(attemptsMade: number, baseMs: number, error?: unknown, random = Math.random): number {
  const exponential = Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.max(0, attemptsMade - 1));
  const jittered = Math.round(exponential * (0.5 + random() * 0.5));
  const retryAfter = (error as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  return typeof retryAfter === "number" && retryAfter > jittered ? Math.min(retryAfter, MAX_DELAY_MS) : jittered;
}

/** BullMQ's backoff hook: `sapBackoff` for jobs whose backoff type is SAP_BACKOFF. */
export const backoffStrategy: BackoffStrategy = (attemptsMade, type, error, job) => {
  const backoff = job?.opts.backoff;
  const base = typeof backoff === "object" && typeof backoff.delay === "number" ? backoff.delay : 1000;
  return type === SAP_BACKOFF ? sapBackoff(attemptsMade, base, error) : base;
};
