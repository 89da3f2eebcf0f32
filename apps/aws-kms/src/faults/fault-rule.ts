import { type FaultRuleOf, parseFaultSpec as parseSpec, faultRuleSchema as ruleSchema } from "@cckm/sim-faults";
import { OPERATION_NAMES } from "../operations/operation-names.ts";

/**
 * How AWS fault rules are spelled: a rule applies to requests for `operation` (a KMS operation name
 * or `*`), optionally only those whose `KeyId` names key `keyId`, at most `times` times. Effects
 * (see @cckm/sim-faults): `rateLimit` and `throttleRate` answer ThrottlingException (400), as KMS
 * throttles; `latencyMs`; `hangRate`; `errorRate` / `status` (default 500) with `errorType` (default
 * KMSInternalException for 5xx, ThrottlingException for 429, else InjectedFaultException); `after`.
 */
export const AWS_FAULT_FORMAT = {
  routeField: "operation",
  routes: OPERATION_NAMES,
  targetField: "keyId",
  targetMaxLength: 2048,
  effects: [
    "errorRate",
    "status",
    "errorType",
    "throttleRate",
    "latencyMs",
    "hangRate",
    "rateLimit",
    "windowMs",
    "after",
    "times",
    "seed",
  ],
  defaultStatus: 500,
} as const;

export type FaultRule = FaultRuleOf<typeof AWS_FAULT_FORMAT>;

export const faultRuleSchema = ruleSchema(AWS_FAULT_FORMAT);

/** Reads fault rules from a flag or AWS_KMS_FAULTS (JSON, or `ScheduleKeyDeletion:status=503,times=1;*:latencyMs=50`). */
export const parseFaultSpec = (spec: string): FaultRule[] => parseSpec(AWS_FAULT_FORMAT, faultRuleSchema, spec);
