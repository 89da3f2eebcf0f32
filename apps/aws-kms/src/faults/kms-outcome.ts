import type { FaultOutcome as SharedOutcome } from "@cckm/sim-faults";

/** A fault in KMS terms: a rate limit is a throttle, an error has its exception type. */
export type FaultOutcome =
  | { kind: "none" }
  | { kind: "throttled" }
  | { kind: "hang"; after: boolean }
  | { kind: "error"; status: number; errorType: string; after: boolean };

function defaultErrorType(status: number): string {
  if (status === 429) return "ThrottlingException";
  return status >= 500 ? "KMSInternalException" : "InjectedFaultException";
}

export function kmsOutcome(outcome: SharedOutcome): FaultOutcome {
  if (outcome.kind === "rateLimited") return { kind: "throttled" };
  if (outcome.kind !== "error") return outcome;
  const { status, after } = outcome;
  return { kind: "error", status, errorType: outcome.errorType ?? defaultErrorType(status), after };
}
