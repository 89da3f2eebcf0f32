import { z } from "zod";

/**
 * Every effect a fault rule may carry; each simulator accepts the ones it documents, listed in its
 * own order. Effects, checked in this order:
 * - `rateLimit`: more than this many requests within `windowMs` are rate-limited (`retryAfterSeconds`);
 * - `throttleRate`: this share of requests is rate-limited too (as AWS throttles);
 * - `latencyMs`: the answer comes this much later;
 * - `hangRate`: this share of requests is never answered (the client times out);
 * - `errorRate` (1 when only `status` is given): this share answers `status` (the simulator's
 *   default when absent), with `errorType` when given.
 * With `after`, hangs and errors happen after the route did its work (the change is made, the answer lost).
 */
export const FAULT_EFFECTS = {
  errorRate: z.number().min(0).max(1).optional(),
  status: z.number().int().min(400).max(599).optional(),
  errorType: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]*$/)
    .max(100)
    .optional(),
  throttleRate: z.number().min(0).max(1).optional(),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  hangRate: z.number().min(0).max(1).optional(),
  rateLimit: z.number().int().min(0).max(1_000_000).optional(),
  windowMs: z.number().int().min(1).max(3_600_000).optional(),
  retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
  after: z.boolean().optional(),
  times: z.number().int().min(1).optional(),
  seed: z.number().int().min(0).max(4_294_967_295).optional(),
};

export type FaultEffectName = keyof typeof FAULT_EFFECTS;

export type FaultEffects = { [K in FaultEffectName]?: z.output<(typeof FAULT_EFFECTS)[K]> };

/** The effects that make a rule do something; a rule needs at least one of those it may carry. */
export const ACTIVE_EFFECTS: ReadonlySet<FaultEffectName> = new Set([
  "errorRate",
  "status",
  "throttleRate",
  "latencyMs",
  "hangRate",
  "rateLimit",
]);

/** The effects of simulators whose faults are a status and `Retry-After` (SAP, OCI), in their order. */
export const STATUS_FAULT_EFFECTS = [
  "errorRate",
  "status",
  "latencyMs",
  "hangRate",
  "rateLimit",
  "windowMs",
  "retryAfterSeconds",
  "after",
  "times",
  "seed",
] as const satisfies readonly FaultEffectName[];
