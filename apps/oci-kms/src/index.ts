export { createApp } from "./app.ts";
export type { SimulatorContext } from "./context.ts";
export { type FaultRule, faultRuleSchema, parseFaultSpec } from "./faults/fault-rule.ts";
export { ROUTE_IDS, type RouteId } from "./routes/route-ids.ts";
export { type RunningSimulator, type SimulatorOptions, startSimulator } from "./simulator.ts";
export {
  DEMO_TENANCY,
  DEMO_USER_FINGERPRINT,
  DEMO_USER_KEY_FILES,
  DEMO_USER_PUBLIC_KEY_PEM,
} from "./store/demo-user.ts";
