export { createApp } from "./app.ts";
export { type AccessKey, parseAccessKeys } from "./auth/access-keys.ts";
export type { SimulatorContext } from "./context.ts";
export { AWS_KMS_DEFAULTS } from "./env.ts";
export { type FaultRule, faultRuleSchema, parseFaultSpec } from "./faults/fault-rule.ts";
export { OPERATION_NAMES, type OperationName } from "./operations/operation-names.ts";
export { type RunningSimulator, type SimulatorOptions, startSimulator } from "./simulator.ts";
export { DEMO_REGIONS } from "./store/demo-account.ts";
