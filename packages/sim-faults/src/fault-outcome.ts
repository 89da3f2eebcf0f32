export type FaultOutcome =
  | { kind: "none" }
  | { kind: "rateLimited"; retryAfterSeconds: number }
  | { kind: "hang"; after: boolean }
  | { kind: "error"; status: number; after: boolean; errorType?: string };

export interface FaultDecision {
  latencyMs: number;
  outcome: FaultOutcome;
  /** Ids of the rules that affected this request (answered in the `X-Sim-Faults` header). */
  applied: string[];
}
