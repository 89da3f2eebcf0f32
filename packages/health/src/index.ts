export { startHealthServer } from "./health-server.ts";
export { type CheckResult, createReadinessProbe, type ReadinessProbe, type ReadinessReport } from "./readiness.ts";
export { exitOnSignal } from "./shutdown.ts";
