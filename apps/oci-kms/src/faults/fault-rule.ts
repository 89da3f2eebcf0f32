import {
  type FaultRuleOf,
  parseFaultSpec as parseSpec,
  faultRuleSchema as ruleSchema,
  STATUS_FAULT_EFFECTS,
} from "@cckm/sim-faults";
import { ROUTE_IDS } from "../routes/route-ids.ts";

/**
 * How OCI fault rules are spelled: a rule applies to requests of `route` (a route id or `*`),
 * optionally only those about `resourceId` (a key's OCID on key and version routes, a vault's on
 * vault routes), at most `times` times. Effects (see @cckm/sim-faults): `rateLimit` answers 429
 * TooManyRequests with `Retry-After: retryAfterSeconds`; `latencyMs`; `hangRate`; `errorRate` /
 * `status` (default 503); `after`.
 */
export const OCI_FAULT_FORMAT = {
  routeField: "route",
  routes: ROUTE_IDS,
  targetField: "resourceId",
  targetMaxLength: 255,
  effects: STATUS_FAULT_EFFECTS,
  defaultStatus: 503,
} as const;

export type FaultRule = FaultRuleOf<typeof OCI_FAULT_FORMAT>;

export const faultRuleSchema = ruleSchema(OCI_FAULT_FORMAT);

/** Reads fault rules from a flag or OCI_KMS_FAULTS (JSON, or `keys.enable:status=503,times=1;*:latencyMs=50`). */
export const parseFaultSpec = (spec: string): FaultRule[] => parseSpec(OCI_FAULT_FORMAT, faultRuleSchema, spec);
