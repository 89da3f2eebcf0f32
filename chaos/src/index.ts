export { type ChaosDatabase, ChaosRedis, createChaosDatabase } from "./infra.ts";
export { type ChaosOptions, DEFAULTS, parseChaosArgs } from "./options.ts";
export { type PassReport, runChaos } from "./run.ts";
export type { ChaosSummary } from "./summary.ts";
