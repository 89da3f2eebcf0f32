export { startHealthServer } from "./health-server.ts";
export { type CheckResult, createReadinessProbe, type ReadinessProbe, type ReadinessReport } from "./readiness.ts";
export { checkRedisPolicy, type RedisPolicyReport } from "./redis-policy.ts";
export { exitOnSignal } from "./shutdown.ts";
