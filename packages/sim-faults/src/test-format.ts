import type { FaultRuleFormat, FaultRuleOf } from "./fault-format.ts";
import { faultRuleSchema } from "./fault-rule.ts";

/** A simulator's fault format for the tests: every effect, the target named `resourceId`. */
export const TEST_FORMAT = {
  routeField: "route",
  routes: ["keys.get", "keys.list", "keys.delete"],
  targetField: "resourceId",
  targetMaxLength: 10,
  effects: [
    "errorRate",
    "status",
    "errorType",
    "throttleRate",
    "latencyMs",
    "hangRate",
    "rateLimit",
    "windowMs",
    "retryAfterSeconds",
    "after",
    "times",
    "seed",
  ],
  defaultStatus: 503,
} as const satisfies FaultRuleFormat;

export type TestRule = FaultRuleOf<typeof TEST_FORMAT>;

export const testRuleSchema = faultRuleSchema(TEST_FORMAT);
