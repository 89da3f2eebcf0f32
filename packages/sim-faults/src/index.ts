export { type FaultAdminOptions, type FaultAdminRoute, type FaultRuleStore, faultAdminRoutes } from "./admin-routes.ts";
export { FAULT_EFFECTS, type FaultEffectName, type FaultEffects, STATUS_FAULT_EFFECTS } from "./fault-effects.ts";
export { FaultEngine, type FaultRuleView } from "./fault-engine.ts";
export type { FaultRuleFormat, FaultRuleOf } from "./fault-format.ts";
export type { FaultDecision, FaultOutcome } from "./fault-outcome.ts";
export { faultRuleSchema, parseFaultRule } from "./fault-rule.ts";
export { parseFaultSpec } from "./fault-spec.ts";
export { mulberry32, ruleSeed } from "./prng.ts";
