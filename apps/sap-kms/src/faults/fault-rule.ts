import {
  type FaultRuleOf,
  parseFaultSpec as parseSpec,
  faultRuleSchema as ruleSchema,
  STATUS_FAULT_EFFECTS,
} from "@cckm/sim-faults";
import { ROUTE_IDS } from "../routes/route-ids.ts";

/**
 * How SAP fault rules are spelled: a rule applies to requests of `route` (a route id or `*`),
 * optionally only those for key `keyId`, at most `times` times. Effects (see @cckm/sim-faults):
 * `rateLimit` answers 429 with `Retry-After: retryAfterSeconds`; `latencyMs`; `hangRate`;
 * `errorRate` / `status` (default 503); `after`.
 */
export const SAP_FAULT_FORMAT = {
  routeField: "route",
  routes: ROUTE_IDS,
  targetField: "keyId",
  targetMaxLength: 100,
  effects: STATUS_FAULT_EFFECTS,
  defaultStatus: 503,
} as const;

export type FaultRule = FaultRuleOf<typeof SAP_FAULT_FORMAT>;

export const faultRuleSchema = ruleSchema(SAP_FAULT_FORMAT);

/** Reads fault rules from a flag or SAP_KMS_FAULTS (JSON, or `keys.delete:status=503,times=1;*:latencyMs=50`). */
export const parseFaultSpec = (spec: string): FaultRule[] => parseSpec(SAP_FAULT_FORMAT, faultRuleSchema, spec);
