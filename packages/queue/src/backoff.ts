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

/** Longest single wait on an outage (waits do not count attempts, so they stay short and many). */
export const MAX_WAIT_DELAY_MS = 60_000;

/**
 * How long a job waits on infrastructure (Postgres away, SAP's 429) before it runs again, without
 * spending an attempt: `baseMs`·2^waits with the upper half jittered, at most a minute, and never
 * shorter than the server's Retry-After (itself capped at five minutes).
 */
export function waitDelay(waits: number, baseMs: number, retryAfterMs?: number, random = Math.random): number {
  const exponential = Math.min(MAX_WAIT_DELAY_MS, baseMs * 2 ** Math.min(30, Math.max(0, waits)));
  const jittered = Math.round(exponential * (0.5 + random() * 0.5));
  return retryAfterMs !== undefined && retryAfterMs > jittered ? Math.min(retryAfterMs, MAX_DELAY_MS) : jittered;
}

/** The base delay a queue job carries (`backoff.delay`), 1 s when it carries none. */
export function baseDelayOf(job: { opts: { backoff?: number | { delay?: number } } } | undefined): number {
  const backoff = job?.opts.backoff;
  if (typeof backoff === "number") return backoff;
  return typeof backoff?.delay === "number" ? backoff.delay : 1000;
}

/** BullMQ's backoff hook: `sapBackoff` for jobs whose backoff type is SAP_BACKOFF. */
export const backoffStrategy: BackoffStrategy = (attemptsMade, type, error, job) => {
  const base = baseDelayOf(job);
  return type === SAP_BACKOFF ? sapBackoff(attemptsMade, base, error) : base;
};
