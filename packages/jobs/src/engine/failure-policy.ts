import { isDatabaseUnavailable } from "@cckm/db";
import { baseDelayOf, waitDelay } from "@cckm/queue";
import type { Job } from "bullmq";
import { JobError } from "../errors.ts";
import { isRateLimited, isUpstreamError, type UpstreamError } from "./upstream-error.ts";

/**
 * The one place that decides what an error thrown by an attempt means: wait (infrastructure is away:
 * no attempt spent), retry (BullMQ counts the attempt and backs off), or fail (the job ends FAILED).
 */

/** Why a job waits instead of spending an attempt; the `reason` label of `cckm_job_waits_total`. */
export type WaitReason = "database_unavailable" | "rate_limited" | "attempt_running";

/**
 * A cloud's rate limit met while the job may still wait, raised in place of the client's error so
 * that no step's own handling of upstream errors (e.g. "a failed export on the last attempt is a
 * failed backup") takes it for a real failure. See `rateLimitAware`.
 */
export class RateLimitWait extends Error {
  readonly code = "RATE_LIMITED";
  readonly retryable = true;
  constructor(readonly upstreamError: UpstreamError) {
    super(upstreamError.message, { cause: upstreamError });
    this.name = "RateLimitWait";
  }

  get retryAfterMs(): number | undefined {
    return this.upstreamError.retryAfterMs;
  }
}

/** How an error thrown by a step is described in Postgres: a code and a message, never a stack. */
export function describeError(error: unknown): { code: string; message: string; retryable: boolean } {
  if (isUpstreamError(error)) {
    return { code: `${error.upstream}_${error.code}`, message: error.message, retryable: error.retryable };
  }
  if (error instanceof RateLimitWait) return describeError(error.upstreamError);
  if (isDatabaseUnavailable(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return { code: "DATABASE_UNAVAILABLE", message, retryable: true };
  }
  const code = (error as { code?: unknown })?.code;
  return {
    code: typeof code === "string" ? code : "INTERNAL",
    message: error instanceof Error ? error.message : String(error),
    retryable: (error as { retryable?: unknown })?.retryable !== false,
  };
}

/** What one run of a queue job has spent so far, read from BullMQ's own counters. */
export interface AttemptCounters {
  /** Attempts BullMQ counted (failed runs). */
  attemptsMade: number;
  attempts: number;
  /**
   * Runs that ended without counting an attempt: waits (and the rare stall-free hand-back at a
   * shutdown). BullMQ counts every start (`attemptsStarted`, this run included), every counted
   * failure (`attemptsMade`) and every stall (`stalledCounter`); the rest are waits.
   */
  waits: number;
  maxWaits: number;
  /** The job's backoff base, which its waits start from too. */
  baseMs: number;
}

export function countersOf(job: Job, maxWaits: number): AttemptCounters {
  const waits = job.attemptsStarted - 1 - job.attemptsMade - job.stalledCounter;
  return {
    attemptsMade: job.attemptsMade,
    attempts: job.opts.attempts ?? 1,
    waits: Math.max(0, waits),
    maxWaits,
    baseMs: baseDelayOf(job),
  };
}

/** Whether this run is the job's last attempt, should it fail for real. */
export function isFinalAttempt(counters: AttemptCounters): boolean {
  return counters.attemptsMade + 1 >= counters.attempts;
}

/** Whether the job may still wait on infrastructure instead of spending an attempt. */
export function canWait(counters: AttemptCounters): boolean {
  return counters.waits < counters.maxWaits;
}

/** The infrastructure an error says is away, with the server's Retry-After; null for a real failure. */
export function waitReasonOf(error: unknown): { reason: WaitReason; retryAfterMs?: number } | null {
  if (error instanceof RateLimitWait || isRateLimited(error)) {
    const retryAfterMs = error.retryAfterMs;
    return retryAfterMs === undefined ? { reason: "rate_limited" } : { reason: "rate_limited", retryAfterMs };
  }
  // Another attempt of the job holds its attempt lock (withAttemptLock): this one comes back later.
  if (error instanceof JobError && error.code === "ATTEMPT_RUNNING") return { reason: "attempt_running" };
  return isDatabaseUnavailable(error) ? { reason: "database_unavailable" } : null;
}

export type WaitDecision = { action: "wait"; reason: WaitReason; delayMs: number };
export type Decision =
  | WaitDecision
  | { action: "retry"; described: ReturnType<typeof describeError> }
  | { action: "fail"; described: ReturnType<typeof describeError> };

/** A wait, when the error says infrastructure is away and the job has waits left; null otherwise. */
export function decideWait(error: unknown, counters: AttemptCounters, random = Math.random): WaitDecision | null {
  const wait = waitReasonOf(error);
  if (!wait || !canWait(counters)) return null;
  const delayMs = waitDelay(counters.waits, counters.baseMs, wait.retryAfterMs, random);
  return { action: "wait", reason: wait.reason, delayMs };
}

/**
 * Infrastructure away and waits left: wait (at least Retry-After), no attempt spent. Otherwise an
 * error a retry may fix, with attempts left: retry. Otherwise: fail. Once a job's waits are used up,
 * outages count as attempts again, so nothing waits forever.
 */
export function decide(error: unknown, counters: AttemptCounters, random = Math.random): Decision {
  const wait = decideWait(error, counters, random);
  if (wait) return wait;
  const described = describeError(error);
  if (described.retryable && !isFinalAttempt(counters)) return { action: "retry", described };
  return { action: "fail", described };
}
