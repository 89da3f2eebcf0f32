// The job engine: one definition per kind (kind.ts), one processor for all (processor.ts, attempt.ts,
// failure-policy.ts), one place that enqueues (enqueue.ts), the reconciler over every kind
// (reconciler.ts, sql/active-jobs.ts), the final-failure watcher, and startEngine that wires them.
export { type Attempt, type AttemptDeps, runAttempt } from "./attempt.ts";
export { type Engine, type EngineOptions, startEngine } from "./engine.ts";
export { addJob, createKindQueue, createKindQueues, enqueue, type KindQueues } from "./enqueue.ts";
export { PermanentError, TransientError } from "./errors.ts";
export {
  type AttemptCounters,
  canWait,
  countersOf,
  type Decision,
  decide,
  decideWait,
  describeError,
  isFinalAttempt,
  RateLimitWait,
  type WaitDecision,
  type WaitReason,
  waitReasonOf,
} from "./failure-policy.ts";
export { watchFinalFailures } from "./final-failures.ts";
export { HeldJobs } from "./held-jobs.ts";
export {
  type AnyJobKind,
  type Claim as KindClaim,
  defineKind,
  type Ended,
  type JobKind,
  type JobRef,
  type KindFailure,
  type KindSettings,
  type KindTable,
  type RunContext,
} from "./kind.ts";
export { type ProcessorDeps, processorFor, recordEnd } from "./processor.ts";
export { rateLimitAware } from "./rate-limit-aware.ts";
export {
  type KindReport,
  RECONCILER_LOCK_KEY,
  type ReconcileCursor,
  type ReconcileReport,
  type ReconcilerOptions,
  reconcileKind,
  reconcileOnce,
  startReconciler,
} from "./reconciler.ts";
